package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The language the report was made in (an ISO 639 code, {@code cy} for Welsh), kept so that the
 * reporter's follow-up pages and the messages Haven sends them are in it; recorded only when it is
 * not English, which a case without it is in. No personal data.
 */
@Revision("1")
public record ReportMadeInLanguage(CaseId caseId, String language) {}
