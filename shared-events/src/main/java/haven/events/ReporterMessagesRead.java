package haven.events;

import org.axonframework.serialization.Revision;

/** Someone working on the case has read what the reporter wrote (a reply reads it too). No personal data. */
@Revision("1")
public record ReporterMessagesRead(CaseId caseId, String readBy) {}
