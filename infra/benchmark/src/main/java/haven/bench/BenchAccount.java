package haven.bench;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An event-sourced account; each deposit carries the wall-clock time it was sent, to time the view. */
public class BenchAccount {

    public record Deposit(@TargetAggregateIdentifier String account, long sentAtMicros) {}

    public record Deposited(String account, long sentAtMicros) {}

    @AggregateIdentifier
    private String account;

    public BenchAccount() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(Deposit deposit) {
        apply(new Deposited(deposit.account(), deposit.sentAtMicros()));
    }

    @EventSourcingHandler
    public void on(Deposited deposited) {
        account = deposited.account();
    }
}
