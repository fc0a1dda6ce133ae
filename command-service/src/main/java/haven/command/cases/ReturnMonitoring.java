package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The reporter returns the equality monitoring questions, once. The case records only that they
 * did, and answers with what the counts are kept by ({@link Reported}); the answers themselves never
 * reach it.
 */
public record ReturnMonitoring(@TargetAggregateIdentifier CaseId caseId) {

    /** What the board's monitoring tables count a report's answers by. */
    public record Reported(String organisation, haven.events.ReportType type) {}
}
