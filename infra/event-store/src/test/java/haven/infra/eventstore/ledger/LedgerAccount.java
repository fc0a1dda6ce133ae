package haven.infra.eventstore.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The smallest event-sourced aggregate that exercises appends, loads and races: an account taking deposits. */
public class LedgerAccount {

    public record Deposit(@TargetAggregateIdentifier String account, String depositId) {}

    public record Deposited(String account, String depositId) {}

    @AggregateIdentifier
    private String account;

    public LedgerAccount() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(Deposit deposit) {
        apply(new Deposited(deposit.account(), deposit.depositId()));
    }

    @EventSourcingHandler
    public void on(Deposited deposited) {
        account = deposited.account();
    }
}
