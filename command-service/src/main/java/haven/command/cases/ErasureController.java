package haven.command.cases;

import haven.events.CaseId;
import haven.events.ErasureReason;
import haven.infra.eventstore.privacy.PersonalDataKeys;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data protection officer erases a closed case's personal data: the case records that it
 * happened, then its keys are destroyed. Sending it again finishes an erasure that was cut short.
 */
@RestController
class ErasureController {

    record ErasureRequest(@NotNull ErasureReason reason) {
    }

    private final CommandGateway commands;
    private final PersonalDataKeys keys;

    ErasureController(CommandGateway commands, PersonalDataKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    @PostMapping("/api/admin/cases/{caseId}/erasure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable CaseId caseId, @Valid @RequestBody ErasureRequest r, Staff staff) {
        commands.sendAndWait(new ErasePersonalData(caseId, r.reason(), staff.id()));
        keys.destroy(caseId.value());
    }
}
