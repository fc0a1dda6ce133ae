package haven.command.escalation;

import haven.command.cases.EscalateCase;
import haven.events.CaseId;
import haven.events.EscalationReason;
import haven.infra.council.Partnership;
import haven.infra.security.Role;
import haven.infra.security.StaffDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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

    /** Escalates what was due before {@code today}; answers how many escalations it made. */
    public int sweep(LocalDate today) {
        LocalDate sweptThrough = progress.sweptThrough();
        var passed = sweptThrough == null
                ? watch.everyDayFiled().stream()
                        .filter(day -> day.isBefore(today))
                        .toList()
                : sweptThrough.plusDays(1).datesUntil(today).toList();
        if (passed.isEmpty()) {
            return 0;
        }
        int escalated = 0;
        boolean complete = true;
        for (Document pending : watch.pending(watch.filedUnder(passed))) {
            for (EscalateCase missed : missed(pending, today)) {
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

    private List<EscalateCase> missed(Document pending, LocalDate today) {
        var caseId = new CaseId(pending.getString("_id"));
        String organisation = partnership.organisationOf(pending.getString("organisation"));
        String team = pending.getString("team");
        List<String> managers = team == null
                ? List.of()
                : directory.ofTeam(organisation, team, Role.CASE_MANAGER).stream()
                        .map(StaffDirectory.Member::id)
                        .toList();
        var missed = new ArrayList<EscalateCase>();
        for (Map.Entry<String, Object> due : pending.get("due", new Document()).entrySet()) {
            LocalDate day = LocalDate.parse((String) due.getValue());
            if (day.isBefore(today)) {
                missed.add(
                        new EscalateCase(caseId, EscalationReason.valueOf(due.getKey()), day, null, managers, today));
            }
        }
        for (Map.Entry<String, Object> action :
                pending.get("actions", new Document()).entrySet()) {
            LocalDate day = LocalDate.parse((String) action.getValue());
            if (day.isBefore(today)) {
                missed.add(new EscalateCase(
                        caseId, EscalationReason.ACTION_OVERDUE, day, action.getKey(), managers, today));
            }
        }
        return missed;
    }
}
