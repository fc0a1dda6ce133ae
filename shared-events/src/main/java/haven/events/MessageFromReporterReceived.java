package haven.events;

import org.axonframework.serialization.Revision;

/** The reporter wrote to the case team, possibly anonymously. Personal data: {@code text}. */
@Revision("1")
public record MessageFromReporterReceived(
        CaseId caseId, String messageId, @PersonalData String text) {}
