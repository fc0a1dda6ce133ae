package haven.command.escalation;

import haven.command.cases.EscalateCase;
import haven.command.cases.RemindActionOwner;
import haven.command.cases.SendCheckIn;
import haven.events.CaseId;
import haven.events.EscalationReason;
import haven.infra.council.Partnership;
import haven.infra.security.Role;
import haven.infra.security.StaffDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the deadlines that passed unmet and has each case escalate them, once: the case decides
 * whether a deadline is still missed and whether it was escalated already, so every instance may
 * sweep, a sweep may be repeated, and a service down over a deadline escalates it when it is back.
 * Keeps the last day it has finished with one day behind, so that a deadline filed under yesterday
 * while it swept is read again on the next round.
 */
@Component
public class EscalationSweep {

    private static final Logger log = LoggerFactory.getLogger(EscalationSweep.class);

    private final EscalationWatch watch;
    private final SweepProgress progress;
    private final StaffDirectory directory;
    private final Partnership partnership;
    private final CommandGateway commands;
    private final Clock clock;

    EscalationSweep(
            EscalationWatch watch,
            SweepProgress progress,
            StaffDirectory directory,
            Partnership partnership,
            CommandGateway commands,
            Clock clock) {
        this.watch = watch;
        this.progress = progress;
        this.directory = directory;
        this.partnership = partnership;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${haven.escalation.sweep-every}",
            fixedDelayString = "${haven.escalation.sweep-every}")
    void sweep() {
        sweep(LocalDate.now(clock));
    }

    /**
     * Reminds the owners of actions due {@code today} and escalates what was due before it; answers how
     * many escalations it made.
     */
    public int sweep(LocalDate today) {
        remindActionOwners(today);
        LocalDate sweptThrough = progress.sweptThrough();
        var passed = sweptThrough == null
                ? watch.everyDayFiled().stream()
                        .filter(day -> day.isBefore(today))
                        .toList()
                : sweptThrough.plusDays(1).datesUntil(today).toList();
        if (passed.isEmpty()) {
            if (sweptThrough == null) {
                // nothing has passed yet: done with every day before yesterday, so that the next rounds
                // read yesterday's rows, not every row filed (each minute, until a deadline first passed)
                progress.sweptThrough(today.minusDays(2));
            }
            return 0;
        }
        int escalated = 0;
        boolean complete = true;
        // each team's managers read once a sweep, and only for a team with something missed
        var managersOf = new HashMap<String, List<String>>();
        for (Document pending : watch.pending(watch.filedUnder(passed))) {
            complete &= checkIn(pending, today);
            for (EscalateCase missed : missed(pending, today, managersOf)) {
                try {
                    if (Boolean.TRUE.equals(commands.sendAndWait(missed))) {
                        escalated++;
                    }
                } catch (RuntimeException e) {
                    // another instance escalating it at the same moment, a store outage: the next round retries
                    complete = false;
                    log.warn(
                            "Escalation of case {} not done: {}",
                            missed.caseId().value(),
                            e.getClass().getSimpleName());
                }
            }
        }
        if (complete) {
            LocalDate keep = today.minusDays(1);
            watch.forgetDays(passed.stream().filter(day -> day.isBefore(keep)).toList());
            progress.sweptThrough(today.minusDays(2));
        }
        if (escalated > 0) {
            log.info("Escalation sweep: {} missed deadlines escalated", escalated);
        }
        return escalated;
    }

    /**
     * The cases with an action due today are read by key each round, from rows of actions alone (every
     * case has deadlines filed under some day, few have an action due today); the case reminds each owner
     * once, so a round may repeat.
     */
    private void remindActionOwners(LocalDate today) {
        String day = today.toString();
        for (Document pending : watch.pending(watch.withActionsDueOn(today))) {
            var reminded = pending.getList(EscalationWatch.REMINDED, String.class, List.of());
            pending.get("actions", new Document()).forEach((actionId, due) -> {
                if (!day.equals(due) || reminded.contains(actionId)) {
                    return;
                }
                try {
                    commands.sendAndWait(new RemindActionOwner(new CaseId(pending.getString("_id")), actionId, today));
                } catch (RuntimeException e) {
                    log.warn(
                            "Reminder for case {} not sent: {}",
                            pending.getString("_id"),
                            e.getClass().getSimpleName());
                }
            });
        }
    }

    /** Asks the reporter of a case closed a while ago whether anything has happened since; false if it must be tried again. */
    private boolean checkIn(Document pending, LocalDate today) {
        String due = pending.getString(EscalationWatch.CHECK_IN);
        if (due == null || !LocalDate.parse(due).isBefore(today)) {
            return true;
        }
        try {
            commands.sendAndWait(new SendCheckIn(new CaseId(pending.getString("_id")), LocalDate.parse(due), today));
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Check-in with case {} not sent: {}",
                    pending.getString("_id"),
                    e.getClass().getSimpleName());
            return false;
        }
    }

    /** A deadline of the case that has passed; {@code actionId} for an action's. */
    private record Passed(EscalationReason reason, LocalDate due, String actionId) {}

    private List<EscalateCase> missed(Document pending, LocalDate today, Map<String, List<String>> managersOf) {
        var passed = new ArrayList<Passed>();
        pending.get("due", new Document())
                .forEach((reason, day) ->
                        passed.add(new Passed(EscalationReason.valueOf(reason), LocalDate.parse((String) day), null)));
        pending.get("actions", new Document())
                .forEach((actionId, day) -> passed.add(
                        new Passed(EscalationReason.ACTION_OVERDUE, LocalDate.parse((String) day), actionId)));
        passed.removeIf(deadline -> !deadline.due().isBefore(today));
        if (passed.isEmpty()) {
            return List.of();
        }
        String organisation = partnership.organisationOf(pending.getString("organisation"));
        String team = pending.getString("team");
        List<String> managers = team == null
                ? List.of()
                : managersOf.computeIfAbsent(
                        organisation + "/" + team,
                        key -> directory.ofTeam(organisation, team, Role.CASE_MANAGER).stream()
                                .map(StaffDirectory.Member::id)
                                .toList());
        var caseId = new CaseId(pending.getString("_id"));
        return passed.stream()
                .map(deadline -> new EscalateCase(
                        caseId, deadline.reason(), deadline.due(), deadline.actionId(), managers, today))
                .toList();
    }
}
