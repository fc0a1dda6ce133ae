package haven.command.cases;

import haven.events.CaseId;
import haven.events.RespondentRelationship;
import haven.events.RespondentStep;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

/** The people complained about: who they are to the reporter, and what has been done with them. */
@RestController
@RequestMapping("/api/cases/{caseId}/respondents")
class RespondentController {

    record RespondentRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String role,
            @NotNull RespondentRelationship relationship) {}

    record StepRequest(@NotNull RespondentStep step) {}

    private final CommandGateway commands;

    RespondentController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> record(@PathVariable CaseId caseId, @Valid @RequestBody RespondentRequest r, Staff staff) {
        String respondentId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordRespondent(
                caseId,
                respondentId,
                r.name(),
                r.role() == null || r.role().isBlank() ? null : r.role(),
                r.relationship(),
                staff.id()));
        return Map.of("respondentId", respondentId);
    }

    @PostMapping("/{respondentId}/steps")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void step(
            @PathVariable CaseId caseId,
            @PathVariable String respondentId,
            @Valid @RequestBody StepRequest r,
            Staff staff) {
        commands.sendAndWait(new TakeRespondentStep(caseId, respondentId, r.step(), staff.id()));
    }
}
