package haven.command.escalation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import haven.command.cases.DueDates;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.ActionFallsDue;
import haven.events.AppealLodged;
import haven.events.CaseClosed;
import haven.events.CaseEscalated;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.CheckInSent;
import haven.events.DeadlinesSet;
import haven.events.EscalationReason;
import haven.events.HistoricalCaseImported;
import haven.events.MessageToReporterSent;
import haven.events.PersonalDataErased;
import haven.events.ReportRoutedToTeam;
import haven.infra.council.Partnership;
import haven.infra.eventstore.BatchWrites;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Each open case's pending deadlines ({@code escalation_watch}, by case id), and a small row for each
 * day a case has something falling due ({@code escalation_due}, keyed {@code day/case}): the sweep reads
 * only the days that have passed, by key range, never the whole caseload. A row per case and day,
 * not a day's list of cases, because such a list grew with every case due that day and was rewritten
 * whole at each addition (a replay files every past date under yesterday: one list of every case, past
 * MongoDB's 16 MB document limit in a large council's history). A deadline already past when it is set
 * (a late triage) is filed under yesterday, which the sweep reads on its next round. An agreed action's
 * day is filed again in {@code escalation_actions_due}, which the sweep reads every round for the day's
 * reminders: a key range, which the embedded store answers by scanning, so it is kept to actions alone.
 * Every event but an escalation or a reminder is activity and restarts the case's quiet period.
 * Idempotent: each write sets what the event says, so an event seen twice changes nothing. A batch's
 * rows are read in one query and written together as it ends ({@link BatchWrites}): per event, a
 * read and two or three writes were a sixth of the command-service's work (profile).
 */
@Component
// v3 replays once to file the agreed actions apart (v2 filed a row per case and day; v1 a list per day)
@ProcessingGroup("escalations-v3")
class EscalationWatch {

    static final String CASES = "escalation_watch";
    static final String DAYS = "escalation_due";
    /** The same rows for agreed actions only: read every round for today's reminders, so kept apart and small. */
    static final String ACTION_DAYS = "escalation_actions_due";

    private static final String CASE = "case";
    private static final String DUE = "due";
    private static final String ACTIONS = "actions";
    /** The day the reporter of a closed case is asked whether anything has happened since. */
    static final String CHECK_IN = "checkIn";
    /** The actions whose owners have been reminded on their due day. */
    static final String REMINDED = "reminded";

    private static final int ISO_DATE_LENGTH = "2026-01-01".length();

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> actionDays;
    private final DueDates dueDates;
    private final Partnership partnership;
    private final SweepProgress progress;
    private final Clock clock;

    EscalationWatch(
            MongoDatabase havenDatabase,
            DueDates dueDates,
            Partnership partnership,
            SweepProgress progress,
            Clock clock) {
        this.progress = progress;
        this.cases = havenDatabase.getCollection(CASES);
        this.days = havenDatabase.getCollection(DAYS);
        this.actionDays = havenDatabase.getCollection(ACTION_DAYS);
        this.dueDates = dueDates;
        this.partnership = partnership;
        this.clock = clock;
    }

    /** One handler for every event of a case, so that none escapes counting as activity. */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (!CaseId.AGGREGATE_TYPE.equals(message.getType())) {
            return; // an event of no case, such as a monitoring return
        }
        String caseId = message.getAggregateIdentifier();
        var batch = BatchWrites.current();
        if (event instanceof PersonalDataErased || event instanceof HistoricalCaseImported) {
            batch.delete(cases, caseId);
            return;
        }
        Document watched = batch.row(cases, caseId, DomainEventMessage::getAggregateIdentifier);
        if (event instanceof CheckInSent) {
            // asked: nothing more falls due, but its team is kept for a reopening the answer may bring
            if (watched != null) {
                watched.remove(CHECK_IN);
                batch.save(cases, watched);
            }
            return;
        }
        if (event instanceof CaseClosed) {
            // nothing more falls due but the check-in with the reporter, a while after closure
            String checkIn =
                    dueDates.checkInOn(dueDates.dayOf(message.getTimestamp())).toString();
            batch.save(
                    cases,
                    new Document("_id", caseId)
                            .append("organisation", watched == null ? null : watched.getString("organisation"))
                            .append("team", watched == null ? null : watched.getString("team"))
                            .append("closed", true)
                            .append(CHECK_IN, checkIn));
            file(batch, days, caseId, List.of(checkIn));
            return;
        }
        if (event instanceof ActionFallsDue reminded) {
            // the owner was reminded: the sweep asks no more today (the case would refuse anyway)
            if (watched != null) {
                var actionIds = new LinkedHashSet<>(watched.getList(REMINDED, String.class, List.of()));
                actionIds.add(reminded.actionId());
                watched.put(REMINDED, List.copyOf(actionIds));
                batch.save(cases, watched);
            }
            return;
        }
        if (event instanceof CaseEscalated) {
            return;
        }
        if (watched != null && watched.getBoolean("closed", false)) {
            if (event instanceof CaseReopened || event instanceof AppealLodged) {
                watched.remove("closed"); // open again: its deadlines come with its next events
                watched.remove(CHECK_IN);
                watched.put("resolved", event instanceof AppealLodged);
            } else {
                return; // a closed case's messages and files are not activity that falls due
            }
        }
        var row = watched == null ? new Document("_id", caseId) : watched;
        Document due = row.get(DUE, Document.class) == null ? new Document() : row.get(DUE, Document.class);
        Document actions = row.get(ACTIONS, Document.class) == null ? new Document() : row.get(ACTIONS, Document.class);
        var before = dates(due, actions);
        var actionsBefore = dates(actions);
        apply(event, row, due, actions);
        if (!row.getBoolean("resolved", false)) {
            String organisation = partnership.organisationOf(row.getString("organisation"));
            due.put(
                    EscalationReason.NO_ACTIVITY.name(),
                    dueDates.quietUntil(organisation, dueDates.dayOf(message.getTimestamp()))
                            .toString());
        }
        row.put(DUE, due);
        row.put(ACTIONS, actions);
        batch.save(cases, row);
        file(batch, days, caseId, added(before, dates(due, actions)));
        file(batch, actionDays, caseId, added(actionsBefore, dates(actions)));
    }

    private void apply(Object event, Document row, Document due, Document actions) {
        if (event instanceof ReportRoutedToTeam routed) {
            row.put("organisation", partnership.organisationOf(routed.organisation()));
            row.put("team", routed.team());
        } else if (event instanceof CaseworkerAssigned assigned) {
            row.put("team", assigned.team());
        } else if (event instanceof CaseReassigned reassigned) {
            row.put("team", reassigned.team());
        } else if (event instanceof DeadlinesSet set) {
            put(due, EscalationReason.TRIAGE_OVERDUE, set.triageDue());
            put(
                    due,
                    EscalationReason.FIRST_CONTACT_OVERDUE,
                    row.getBoolean("contacted", false) ? null : set.firstContactDue());
            put(due, EscalationReason.RESOLUTION_OVERDUE, set.resolutionDue());
        } else if (event instanceof CaseTriaged triaged) {
            due.remove(EscalationReason.TRIAGE_OVERDUE.name());
            if (triaged.resolutionDue() != null) {
                // triaged before deadlines were counted from receipt: its dates came with the triage
                put(
                        due,
                        EscalationReason.FIRST_CONTACT_OVERDUE,
                        row.getBoolean("contacted", false) ? null : triaged.firstContactDue());
                put(due, EscalationReason.RESOLUTION_OVERDUE, triaged.resolutionDue());
            }
        } else if (event instanceof MessageToReporterSent) {
            row.put("contacted", true);
            due.remove(EscalationReason.FIRST_CONTACT_OVERDUE.name());
        } else if (event instanceof CaseResolved) {
            row.put("resolved", true);
            List.of(
                            EscalationReason.FIRST_CONTACT_OVERDUE,
                            EscalationReason.RESOLUTION_OVERDUE,
                            EscalationReason.NO_ACTIVITY)
                    .forEach(reason -> due.remove(reason.name()));
        } else if (event instanceof CaseReopened) {
            row.put("resolved", false);
            row.put("contacted", false);
        } else if (event instanceof ActionAgreed agreed) {
            actions.put(agreed.actionId(), agreed.due().toString());
        } else if (event instanceof ActionCompleted completed) {
            actions.remove(completed.actionId());
        }
    }

    private static void put(Document due, EscalationReason reason, LocalDate date) {
        if (date == null) {
            due.remove(reason.name());
        } else {
            due.put(reason.name(), date.toString());
        }
    }

    private static Set<String> dates(Document... deadlines) {
        var dates = new HashSet<String>();
        for (Document deadline : deadlines) {
            deadline.values().forEach(date -> dates.add((String) date));
        }
        return dates;
    }

    private static Set<String> added(Set<String> before, Set<String> after) {
        after.removeAll(before);
        return after;
    }

    /** Files the case under each new due day; under yesterday if that day has already passed. */
    private void file(BatchWrites batch, MongoCollection<Document> days, String caseId, Collection<String> dates) {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        for (String date : dates) {
            LocalDate day = LocalDate.parse(date);
            batch.upsert(days, (day.isBefore(yesterday) ? yesterday : day) + "/" + caseId, Updates.set(CASE, caseId));
        }
    }

    /** The cases filed under any of these days. */
    Set<String> filedUnder(List<LocalDate> dueDays) {
        return filedUnder(days, dueDays);
    }

    /** The cases with an agreed action filed under this day. */
    Set<String> withActionsDueOn(LocalDate day) {
        return filedUnder(actionDays, List.of(day));
    }

    private static Set<String> filedUnder(MongoCollection<Document> days, List<LocalDate> dueDays) {
        var filed = new HashSet<String>();
        if (!dueDays.isEmpty()) {
            days.find(anyOf(dueDays)).forEach(row -> filed.add(row.getString(CASE)));
        }
        return filed;
    }

    /** Every day any case is filed under: read once, when no sweep has run before. */
    List<LocalDate> everyDayFiled() {
        var all = new TreeSet<LocalDate>();
        days.find()
                .projection(Projections.include("_id"))
                .forEach(row -> all.add(LocalDate.parse(row.getString("_id").substring(0, ISO_DATE_LENGTH))));
        return List.copyOf(all);
    }

    void forgetDays(List<LocalDate> swept) {
        if (!swept.isEmpty()) {
            days.deleteMany(anyOf(swept));
            actionDays.deleteMany(anyOf(swept));
        }
    }

    /** The rows of these days: a range of keys each ('/' sorts just before '0'), which MongoDB reads by index. */
    private static Bson anyOf(List<LocalDate> dueDays) {
        return or(dueDays.stream()
                .map(day -> and(gte("_id", day + "/"), lt("_id", day + "0")))
                .toList());
    }

    /** The pending deadlines of these cases, where they are still open; no query for none (most rounds). */
    List<Document> pending(Collection<String> caseIds) {
        return caseIds.isEmpty()
                ? List.of()
                : cases.find(in("_id", List.copyOf(caseIds))).into(new ArrayList<>());
    }

    @ResetHandler
    void reset() {
        cases.drop();
        days.drop();
        actionDays.drop();
        progress.forget();
    }
}
