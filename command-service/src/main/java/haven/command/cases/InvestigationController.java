package haven.command.cases;

import haven.command.requests.StaffId;
import haven.events.CaseId;
import haven.events.LetterKind;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
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

/** The work on an open case: notes, agreed actions, and messages and letters to the reporter. */
@RestController
@RequestMapping("/api/cases/{caseId}")
class InvestigationController {

    record NoteRequest(@NotBlank @Size(max = 20000) String text) {}

    record ActionRequest(
            @NotBlank @Size(max = 2000) String description,
            @StaffId String owner,
            @NotNull @FutureOrPresent LocalDate due) {}

    record MessageRequest(@NotBlank @Size(max = 5000) String text) {}

    record LetterRequest(
            @NotNull LetterKind kind,
            @NotBlank @Size(max = 20000) String text) {}

    private final CommandGateway commands;

    InvestigationController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> addNote(@PathVariable CaseId caseId, @Valid @RequestBody NoteRequest r, Staff staff) {
        String noteId = UUID.randomUUID().toString();
        commands.sendAndWait(new AddInvestigationNote(caseId, noteId, r.text(), staff.id()));
        return Map.of("noteId", noteId);
    }

    @PostMapping("/actions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> agreeAction(@PathVariable CaseId caseId, @Valid @RequestBody ActionRequest r, Staff staff) {
        String actionId = UUID.randomUUID().toString();
        commands.sendAndWait(new AgreeAction(caseId, actionId, r.description(), r.owner(), r.due(), staff.id()));
        return Map.of("actionId", actionId);
    }

    @PostMapping("/actions/{actionId}/completion")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void completeAction(@PathVariable CaseId caseId, @PathVariable String actionId, Staff staff) {
        commands.sendAndWait(new CompleteAction(caseId, actionId, staff.id()));
    }

    /** What the reporter wrote has been read: the case leaves the unread filter (a closed one, the caseload). */
    @PostMapping("/messages-read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void messagesRead(@PathVariable CaseId caseId, Staff staff) {
        commands.sendAndWait(new MarkReporterMessagesRead(caseId, staff.id()));
    }

    /** A letter as the caseworker edited it from its template; the reporter reads and downloads it. */
    @PostMapping("/letters")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> sendLetter(@PathVariable CaseId caseId, @Valid @RequestBody LetterRequest r, Staff staff) {
        String letterId = UUID.randomUUID().toString();
        commands.sendAndWait(new SendLetter(caseId, letterId, r.kind(), r.text(), staff.id()));
        return Map.of("letterId", letterId);
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> messageReporter(
            @PathVariable CaseId caseId, @Valid @RequestBody MessageRequest r, Staff staff) {
        String messageId = UUID.randomUUID().toString();
        commands.sendAndWait(new SendMessageToReporter(caseId, messageId, r.text(), staff.id()));
        return Map.of("messageId", messageId);
    }
}
