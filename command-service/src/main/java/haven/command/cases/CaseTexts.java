package haven.command.cases;

import haven.events.CaseId;
import haven.events.InvestigationNoteAdded;
import haven.events.RedactionMade;
import haven.events.ReportSubmitted;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A case's texts as they were written, read from its events, for what a redaction masks and a
 * referral shares. The case keeps no personal data in its own state (its snapshots would hold it),
 * so it asks here. Erased texts read as null.
 */
@Component
public class CaseTexts {

    private final EventStore events;

    CaseTexts(EventStore events) {
        this.events = events;
    }

    /** The report, or empty for a case that is an imported incident or a referral received. */
    public Optional<ReportSubmitted> report(CaseId caseId) {
        var stream = events.readEvents(caseId.value());
        return stream.hasNext() && stream.peek().getPayload() instanceof ReportSubmitted report
                ? Optional.of(report)
                : Optional.empty();
    }

    /** Its investigation notes' texts by note id, in the order they were written. */
    public Map<String, String> notes(CaseId caseId) {
        var notes = new LinkedHashMap<String, String>();
        events.readEvents(caseId.value()).asStream().forEach(event -> {
            if (event.getPayload() instanceof InvestigationNoteAdded note) {
                notes.put(note.noteId(), note.text());
            }
        });
        return notes;
    }

    public Optional<RedactionMade> redaction(CaseId caseId, String redactionId) {
        return events.readEvents(caseId.value())
                .asStream()
                .map(event -> event.getPayload())
                .filter(payload -> payload instanceof RedactionMade made
                        && made.redactionId().equals(redactionId))
                .map(RedactionMade.class::cast)
                .findFirst();
    }
}
