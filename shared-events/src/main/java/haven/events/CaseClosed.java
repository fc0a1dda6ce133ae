package haven.events;

import org.axonframework.serialization.Revision;

/** A resolved case was closed. No personal data. */
@Revision("1")
public record CaseClosed(CaseId caseId, String closedBy) {}
