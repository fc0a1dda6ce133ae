package haven.events;

import org.axonframework.serialization.Revision;

/** The case team wrote to the reporter; the reporter sees only the sender's role. Personal data: {@code text}. */
@Revision("1")
public record MessageToReporterSent(
        CaseId caseId, String messageId, @PersonalData String text, String sender) {}
