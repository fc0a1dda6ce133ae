package haven.command.cases;

import haven.events.CaseId;
import haven.events.Companion;
import haven.events.MeetingKind;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meetings and hearings on a case: scheduled (a time in the council's own time zone, a place or a
 * video link, who attends, who accompanies the reporter), adjourned, and their notes recorded and
 * shared with the reporter.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/meetings")
class MeetingController {

    record CompanionRequest(
            @NotNull Companion.Role role, @Size(max = 200) String name) {}

    record MeetingRequest(
            @NotNull MeetingKind kind,
            @NotNull @Future LocalDateTime startsAt,
            @NotBlank @Size(max = 300) String place,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> attendees,
            @NotNull @Valid CompanionRequest companion) {}

    record AdjournmentRequest(
            @NotBlank @Size(max = 2000) String reason,
            @Future LocalDateTime resumesAt) {}

    record NotesRequest(@NotBlank @Size(max = 20000) String notes, boolean shareWithReporter) {}

    private final CommandGateway commands;

    MeetingController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> schedule(@PathVariable CaseId caseId, @Valid @RequestBody MeetingRequest r, Staff staff) {
        String meetingId = UUID.randomUUID().toString();
        var companion = r.companion().role() == Companion.Role.NONE
                ? new Companion(Companion.Role.NONE, null)
                : new Companion(r.companion().role(), blankToNull(r.companion().name()));
        commands.sendAndWait(new ScheduleMeeting(
                caseId,
                meetingId,
                r.kind(),
                r.startsAt(),
                r.place(),
                r.attendees() == null ? List.of() : r.attendees(),
                companion,
                staff.id()));
        return Map.of("meetingId", meetingId);
    }

    @PostMapping("/{meetingId}/adjournment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void adjourn(
            @PathVariable CaseId caseId,
            @PathVariable String meetingId,
            @Valid @RequestBody AdjournmentRequest r,
            Staff staff) {
        commands.sendAndWait(new AdjournMeeting(caseId, meetingId, r.reason(), r.resumesAt(), staff.id()));
    }

    @PostMapping("/{meetingId}/notes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void recordNotes(
            @PathVariable CaseId caseId,
            @PathVariable String meetingId,
            @Valid @RequestBody NotesRequest r,
            Staff staff) {
        commands.sendAndWait(new RecordMeetingNotes(caseId, meetingId, r.notes(), r.shareWithReporter(), staff.id()));
    }

    @PostMapping("/{meetingId}/sharing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void share(@PathVariable CaseId caseId, @PathVariable String meetingId, Staff staff) {
        commands.sendAndWait(new ShareMeetingNotes(caseId, meetingId, staff.id()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
