package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The keys of the case's personal data were destroyed: every {@link PersonalData} field of its
 * events now reads as null, everywhere. Its categories (and so the trend counts) remain.
 */
@Revision("1")
public record PersonalDataErased(CaseId caseId, ErasureReason reason, String erasedBy) {}
