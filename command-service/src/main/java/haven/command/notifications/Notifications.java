package haven.command.notifications;

import haven.events.ActionFallsDue;
import haven.events.CaseEscalated;
import haven.events.CaseReassigned;
import haven.events.CaseworkerAssigned;
import haven.events.EscalationReason;
import haven.events.EvidenceAttached;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.PersonalDataErased;
import haven.infra.council.Partnership;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.Role;
import haven.infra.security.StaffDirectory;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells people that something needs them, by email: a caseworker when a case is assigned to them, the
 * caseworker (or, with none, the team's case managers) when a reporter writes, the case managers and
 * the caseworker when a case escalates, an action's owner on the day it falls due and when it is
 * overdue, and a named reporter who chose email when there is a new message for them. Each mail says which case and links
 * to it; what happened is read only after signing in. Runs from the events, so the command that
 * caused a mail never waits for it or fails with it; starts at the end of the history on its first
 * run, so nobody is told about the past. On only where mail is configured ({@code spring.mail.host}).
 */
@Component
@ProcessingGroup("notifications")
@DisallowReplay
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class Notifications {

    private final Outbox outbox;
    private final EventStore events;
    private final StaffDirectory directory;
    private final StaffPseudonyms pseudonyms;
    private final Partnership partnership;
    private final Clock clock;
    private final String web;
    /** The reporter's mail in the language they reported in ({@code mail_cy.properties}). */
    private final MessageSource mail;

    Notifications(
            Outbox outbox,
            EventStore events,
            StaffDirectory directory,
            StaffPseudonyms pseudonyms,
            Partnership partnership,
            Clock clock,
            MessageSource mail,
            @Value("${haven.web-url}") String web) {
        this.mail = mail;
        this.outbox = outbox;
        this.events = events;
        this.directory = directory;
        this.pseudonyms = pseudonyms;
        this.partnership = partnership;
        this.clock = clock;
        this.web = web.replaceAll("/+$", "");
    }

    @EventHandler
    void on(CaseworkerAssigned e, EventMessage<?> message) {
        toStaff(message, e.caseId().value(), Set.of(e.caseworker()), "Case %s has been assigned to you");
    }

    @EventHandler
    void on(CaseReassigned e, EventMessage<?> message) {
        toStaff(message, e.caseId().value(), Set.of(e.toCaseworker()), "Case %s has been assigned to you");
    }

    @EventHandler
    void on(MessageFromReporterReceived e, EventMessage<?> message) {
        String caseId = e.caseId().value();
        var contacts = contactsOf(caseId);
        Set<String> to = contacts.assignee() != null ? Set.of(contacts.assignee()) : caseManagersOf(contacts);
        toStaff(message, caseId, contacts, to, "The reporter has written about case %s");
    }

    /** A file from the reporter is news like a message; one staff add is not (they know). */
    @EventHandler
    void on(EvidenceAttached e, EventMessage<?> message) {
        if (!e.byReporter()) {
            return;
        }
        String caseId = e.caseId().value();
        var contacts = contactsOf(caseId);
        Set<String> to = contacts.assignee() != null ? Set.of(contacts.assignee()) : caseManagersOf(contacts);
        toStaff(message, caseId, contacts, to, "The reporter has added a file to case %s");
    }

    @EventHandler
    void on(CaseEscalated e, EventMessage<?> message) {
        String caseId = e.caseId().value();
        var contacts = contactsOf(caseId);
        var to = new LinkedHashSet<>(e.caseManagers());
        if (contacts.assignee() != null) {
            to.add(contacts.assignee());
        }
        String why = e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        toStaff(message, caseId, contacts, to, "Case %s is escalated: " + why);
        if (e.reason() == EscalationReason.ACTION_OVERDUE
                && contacts.actionOwners().containsKey(e.actionId())) {
            toOwner(message, caseId, contacts, e.actionId(), "An action you own on case %s was due on " + e.due());
        }
    }

    @EventHandler
    void on(ActionFallsDue e, EventMessage<?> message) {
        String caseId = e.caseId().value();
        var contacts = contactsOf(caseId);
        if (contacts.actionOwners().containsKey(e.actionId())) {
            toOwner(message, caseId, contacts, e.actionId(), "An action you own on case %s is due today");
        }
    }

    /** An action's owner may not work on the rest of the case: their link is to their own actions. */
    private void toOwner(
            EventMessage<?> message, String caseId, CaseContacts contacts, String actionId, String subject) {
        toStaff(message, caseId, contacts, Set.of(contacts.actionOwners().get(actionId)), subject, "/actions");
    }

    /** Only that there is a message, and where to read it: the reporter signs in with their reference and receipt. */
    @EventHandler
    void on(MessageToReporterSent e, EventMessage<?> message) {
        String caseId = e.caseId().value();
        var contacts = contactsOf(caseId);
        Locale language = contacts.reporterLanguage();
        contacts.reporterEmail()
                .ifPresent(address -> outbox.queue(
                        message.getIdentifier() + "/reporter",
                        caseId,
                        new Mail(
                                address,
                                mail.getMessage("reporter.subject", null, language),
                                mail.getMessage(
                                        "reporter.body",
                                        new Object[] {contacts.reference(), web + "/follow-up"},
                                        language)),
                        clock.instant()));
    }

    @EventHandler
    void on(PersonalDataErased e) {
        outbox.forgetCase(e.caseId().value());
    }

    private void toStaff(EventMessage<?> message, String caseId, Set<String> staff, String subject) {
        toStaff(message, caseId, contactsOf(caseId), staff, subject);
    }

    private void toStaff(
            EventMessage<?> message, String caseId, CaseContacts contacts, Set<String> staff, String subject) {
        toStaff(message, caseId, contacts, staff, subject, "/cases/" + caseId);
    }

    private void toStaff(
            EventMessage<?> message,
            String caseId,
            CaseContacts contacts,
            Set<String> staff,
            String subject,
            String page) {
        String title = subject.formatted(contacts.reference());
        for (String id : staff) {
            directory
                    .member(id)
                    .flatMap(member -> member.email())
                    .ifPresent(address -> outbox.queue(
                            message.getIdentifier() + "/" + id,
                            caseId,
                            new Mail(
                                    address,
                                    title,
                                    title + ".\n\nOpen it in Haven: " + web + page
                                            + "\n\nThis is an automatic email; please do not reply to it."),
                            clock.instant()));
        }
    }

    private Set<String> caseManagersOf(CaseContacts contacts) {
        if (contacts.team() == null) {
            return Set.of();
        }
        var managers = new LinkedHashSet<String>();
        directory
                .ofTeam(partnership.organisationOf(contacts.organisation()), contacts.team(), Role.CASE_MANAGER)
                .forEach(member -> managers.add(member.id()));
        return managers;
    }

    private CaseContacts contactsOf(String caseId) {
        return CaseContacts.of(events.readEvents(caseId), pseudonyms);
    }
}
