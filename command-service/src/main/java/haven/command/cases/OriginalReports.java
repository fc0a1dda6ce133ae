package haven.command.cases;

import haven.events.CaseId;
import haven.events.ReportSubmitted;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A case's report as it was made, read from its first event, for what a referral shares. The case
 * keeps no personal data in its own state (its snapshots would hold it), so it asks here.
 */
@Component
public class OriginalReports {

    private final EventStore events;

    OriginalReports(EventStore events) {
        this.events = events;
    }

    /** The report, or empty for a case that is an imported incident or a referral received. */
    public Optional<ReportSubmitted> of(CaseId caseId) {
        var stream = events.readEvents(caseId.value());
        return stream.hasNext() && stream.peek().getPayload() instanceof ReportSubmitted report
                ? Optional.of(report)
                : Optional.empty();
    }
}
