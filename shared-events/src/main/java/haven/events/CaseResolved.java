package haven.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The case reached an outcome; it can be appealed until {@code appealDeadline}.
 * Personal data: {@code summary}.
 */
@Revision("1")
public record CaseResolved(
        CaseId caseId, Outcome outcome, @PersonalData String summary, Instant appealDeadline, String resolvedBy) {}
