package haven.command.notifications;

import haven.events.ActionAgreed;
import haven.events.CaseReassigned;
import haven.events.CaseworkerAssigned;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ContactPreference;
import haven.events.PersonalDataErased;
import haven.events.ReferralReceived;
import haven.events.ReportMadeInLanguage;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.StaffMemberNamed;
import haven.infra.privacy.StaffPseudonyms;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Whom a case's notifications go to, read from its events when one is sent: its reference, its
 * organisation's team, the caseworker it is assigned to, the owner of each action, and the
 * reporter's address when they asked to be told by email, with the language they reported in. Kept nowhere, so nothing here outlives
 * the case's erasure.
 */
record CaseContacts(
        String reference,
        String organisation,
        String team,
        String assignee,
        Map<String, String> actionOwners,
        Optional<String> reporterEmail,
        Locale reporterLanguage) {

    static CaseContacts of(DomainEventStream events, StaffPseudonyms pseudonyms) {
        String reference = null;
        String organisation = null;
        String team = null;
        String assignee = null;
        var owners = new HashMap<String, String>();
        Optional<String> reporterEmail = Optional.empty();
        Locale language = Locale.ENGLISH;
        while (events.hasNext()) {
            Object event = events.next().getPayload();
            if (event instanceof ReportSubmitted report) {
                reference = report.reference();
                reporterEmail = !report.anonymous()
                                && report.contactPreference() == ContactPreference.EMAIL
                                && report.reporter() != null
                        ? Optional.ofNullable(report.reporter().email())
                        : Optional.empty();
            } else if (event instanceof ReferralReceived referral) {
                reference = referral.reference();
            } else if (event instanceof ReportRoutedToTeam routed) {
                organisation = routed.organisation();
                team = routed.team();
            } else if (event instanceof CaseworkerAssigned assigned) {
                assignee = assigned.caseworker();
                team = assigned.team();
            } else if (event instanceof CaseReassigned reassigned) {
                assignee = reassigned.toCaseworker();
                team = reassigned.team();
            } else if (event instanceof ConflictOfInterestDeclared conflict
                    && conflict.caseworker().equals(assignee)) {
                assignee = null;
            } else if (event instanceof StaffMemberNamed named
                    && assignee != null
                    && pseudonyms.of(assignee).equals(named.staffPseudonym())) {
                assignee = null;
            } else if (event instanceof ActionAgreed action) {
                owners.put(action.actionId(), action.owner());
            } else if (event instanceof ReportMadeInLanguage made) {
                language = Locale.forLanguageTag(made.language());
            } else if (event instanceof PersonalDataErased) {
                reporterEmail = Optional.empty();
            }
        }
        return new CaseContacts(reference, organisation, team, assignee, Map.copyOf(owners), reporterEmail, language);
    }
}
