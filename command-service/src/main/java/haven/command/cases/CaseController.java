package haven.command.cases;

import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.command.requests.StaffId;
import haven.events.AppealOutcome;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.DeadlinesSet;
import haven.events.MonitoredStrand;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.council.Areas;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.infra.security.StaffDirectory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** How a case moves through its lifecycle: triage, assignment, resolution, closure, appeal, reopening. */
@RestController
@RequestMapping("/api/cases/{caseId}")
class CaseController {

    record TriageRequest(
            @NotNull Category category,
            Set<@NotNull ProtectedCharacteristic> characteristics,
            Set<@NotNull MonitoredStrand> strands,
            @NotNull RiskLevel risk,
            @NotNull Route route,
            @FutureOrPresent LocalDate firstContactDue,
            @FutureOrPresent LocalDate resolutionDue,
            @Size(max = 20) String area) {}

    record AssignmentRequest(
            @StaffId String caseworker,
            @NotBlank @Size(max = 60) String team,
            @Size(max = 2000) String reason) {}

    record ConflictRequest(
            @StaffId String caseworker,
            @NotBlank @Size(max = 2000) String reason) {}

    record NamedStaffRequest(@StaffId String staffId) {}

    record ResolutionRequest(
            @NotNull Outcome outcome,
            @NotBlank @Size(max = 5000) String summary) {}

    record AppealRequest(@NotBlank @Size(max = 5000) String grounds) {}

    record HearerRequest(@StaffId String hearer) {}

    record AppealDecisionRequest(
            @NotNull AppealOutcome outcome,
            @NotBlank @Size(max = 5000) String reasons) {}

    record ReopeningRequest(@NotBlank @Size(max = 5000) String reason) {}

    private final CommandGateway commands;
    private final CasePolicy policy;
    private final Areas areas;
    private final Clock clock;
    private final StaffDirectory directory;

    CaseController(CommandGateway commands, CasePolicy policy, Areas areas, Clock clock, StaffDirectory directory) {
        this.directory = directory;
        this.commands = commands;
        this.policy = policy;
        this.areas = areas;
        this.clock = clock;
    }

    /**
     * Due dates default to the service levels for the risk, in working days from receipt; a caseworker
     * may set earlier or later ones, never in the past.
     */
    @PostMapping("/triage")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, LocalDate> triage(@PathVariable CaseId caseId, @Valid @RequestBody TriageRequest r, Staff staff) {
        if (r.firstContactDue() != null
                && r.resolutionDue() != null
                && r.resolutionDue().isBefore(r.firstContactDue())) {
            throw new InvalidRequest(List.of(new InvalidField("resolutionDue", "must not be before firstContactDue")));
        }
        if (r.area() != null && !areas.codes().contains(r.area()) || Areas.NOT_CODED.equals(r.area())) {
            throw new InvalidRequest(
                    List.of(new InvalidField("area", "must be one of the council's area codes, or NOT_SURE")));
        }
        DeadlinesSet deadlines = commands.sendAndWait(new TriageCase(
                caseId,
                r.category(),
                orEmpty(r.characteristics()),
                orEmpty(r.strands()),
                r.risk(),
                r.route(),
                r.firstContactDue(),
                r.resolutionDue(),
                staff.id(),
                r.area()));
        return Map.of("firstContactDue", deadlines.firstContactDue(), "resolutionDue", deadlines.resolutionDue());
    }

    /**
     * To someone Haven knows: a member of that team of the manager's organisation who has signed in as
     * a caseworker or case manager, so that a mistyped id never leaves a case with nobody (the case
     * refuses anyone else, after deciding whether the manager may work on it at all).
     */
    @PostMapping("/assignment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void assign(@PathVariable CaseId caseId, @Valid @RequestBody AssignmentRequest r, Staff staff) {
        boolean known = directory
                .member(r.caseworker())
                .filter(member -> member.organisation().equals(staff.organisation())
                        && member.team().equals(r.team())
                        && (member.is(Role.CASEWORKER) || member.is(Role.CASE_MANAGER)))
                .isPresent();
        commands.sendAndWait(new AssignCaseworker(caseId, r.caseworker(), r.team(), r.reason(), staff.id(), known));
    }

    @PostMapping("/conflicts")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void declareConflict(@PathVariable CaseId caseId, @Valid @RequestBody ConflictRequest r, Staff staff) {
        commands.sendAndWait(new DeclareConflictOfInterest(caseId, r.caseworker(), r.reason(), staff.id()));
    }

    /** Names a member of staff the case turns out to be about: from now on they are excluded from it. */
    @PostMapping("/named-staff")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void nameStaffMember(@PathVariable CaseId caseId, @Valid @RequestBody NamedStaffRequest r, Staff staff) {
        commands.sendAndWait(new NameStaffMember(caseId, r.staffId(), staff.id()));
    }

    @PostMapping("/resolution")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Instant> resolve(@PathVariable CaseId caseId, @Valid @RequestBody ResolutionRequest r, Staff staff) {
        Instant appealDeadline = clock.instant().plus(policy.appealWindow());
        commands.sendAndWait(new ResolveCase(caseId, r.outcome(), r.summary(), appealDeadline, staff.id()));
        return Map.of("appealDeadline", appealDeadline);
    }

    @PostMapping("/closure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable CaseId caseId, Staff staff) {
        commands.sendAndWait(new CloseCase(caseId, staff.id()));
    }

    /** Lodged for the reporter (who can lodge it themselves from the follow-up page), within the appeal window. */
    @PostMapping("/appeal")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void appeal(@PathVariable CaseId caseId, @Valid @RequestBody AppealRequest r, Staff staff) {
        commands.sendAndWait(new LodgeAppeal(caseId, r.grounds(), clock.instant(), staff.id()));
    }

    /** A case manager of the organisation whom Haven knows (the case refuses anyone who took part in the decision). */
    @PostMapping("/appeal/hearer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void appointHearer(@PathVariable CaseId caseId, @Valid @RequestBody HearerRequest r, Staff staff) {
        boolean known = directory
                .member(r.hearer())
                .filter(member -> member.organisation().equals(staff.organisation()) && member.is(Role.CASE_MANAGER))
                .isPresent();
        commands.sendAndWait(new AppointAppealHearer(caseId, r.hearer(), staff.id(), known));
    }

    @PostMapping("/appeal/decision")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void decideAppeal(@PathVariable CaseId caseId, @Valid @RequestBody AppealDecisionRequest r, Staff staff) {
        commands.sendAndWait(new DecideAppeal(caseId, r.outcome(), r.reasons(), staff.id()));
    }

    /** New evidence, at any time: a case manager's step, separate from an appeal. */
    @PostMapping("/reopening")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reopen(@PathVariable CaseId caseId, @Valid @RequestBody ReopeningRequest r, Staff staff) {
        commands.sendAndWait(new ReopenCase(caseId, r.reason(), clock.instant(), staff.id()));
    }

    private static <T> Set<T> orEmpty(Set<T> values) {
        return values == null ? Set.of() : values;
    }
}
