package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The report just submitted was recorded for the person it is about by someone else: a member of
 * staff who took it by phone, in person, by letter or email, or a third-party reporting centre
 * ({@code centre}: its id in the partnership's list; null for staff). {@code recordedBy} is their
 * sign-in id. The person's own choices (to be contacted, to have it shared) are the report's;
 * {@code recorderMayBeContacted} is the recorder's own, about themselves. No personal data.
 */
@Revision("1")
public record ReportRecordedOnBehalf(
        CaseId caseId, IntakeChannel channel, String recordedBy, String centre, boolean recorderMayBeContacted) {}
