package haven.events;

import org.axonframework.serialization.Revision;

/** The reporter gave, or withdrew, their consent to their report being shared with partners. */
@Revision("1")
public record ConsentToShareChanged(CaseId caseId, boolean consent) {}
