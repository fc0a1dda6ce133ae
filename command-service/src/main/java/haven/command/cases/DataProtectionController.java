package haven.command.cases;

import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.command.requests.StaffId;
import haven.events.CaseId;
import haven.events.ErasureReason;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What the data protection officer does to a case: erase its personal data, or hold it for legal reasons. */
@RestController
@RequestMapping("/api/admin/cases/{caseId}")
class DataProtectionController {

    record ErasureRequest(@NotNull ErasureReason reason) {}

    record LegalHoldRequest(@NotBlank @Size(max = 2000) String reason) {}

    record LiftExclusionRequest(
            @StaffId String staffId,
            @NotBlank @Size(max = 2000) String reason) {}

    private final CommandGateway commands;
    private final Erasure erasure;

    DataProtectionController(CommandGateway commands, Erasure erasure) {
        this.commands = commands;
        this.erasure = erasure;
    }

    /**
     * Erases a closed case's personal data: the case records that it happened, then its keys are
     * destroyed. Sending it again finishes an erasure that was cut short.
     */
    @PostMapping("/erasure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable CaseId caseId, @Valid @RequestBody ErasureRequest r, Staff staff) {
        if (r.reason() == ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD) {
            // only the retention policy, which knows when a case last moved, closes and erases an open case
            throw new InvalidRequest(List.of(new InvalidField("reason", "is given only by the retention policy")));
        }
        if (r.reason() == ErasureReason.ORGANISATION_LEFT) {
            throw new InvalidRequest(List.of(new InvalidField(
                    "reason", "is given only when an organisation leaves (POST /api/admin/organisation/departure)")));
        }
        erasure.erase(GenericCommandMessage.asCommandMessage(new ErasePersonalData(caseId, r.reason(), staff.id())));
    }

    @PostMapping("/legal-hold")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void placeLegalHold(@PathVariable CaseId caseId, @Valid @RequestBody LegalHoldRequest r, Staff staff) {
        commands.sendAndWait(new PlaceLegalHold(caseId, r.reason(), staff.id()));
    }

    /** Lets a member of staff back onto a case they were wrongly kept from (named, or declared conflicted). */
    @PostMapping("/lifted-exclusions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void liftExclusion(@PathVariable CaseId caseId, @Valid @RequestBody LiftExclusionRequest r, Staff staff) {
        commands.sendAndWait(new LiftExclusion(caseId, r.staffId(), r.reason(), staff.id()));
    }

    @DeleteMapping("/legal-hold")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void liftLegalHold(@PathVariable CaseId caseId, Staff staff) {
        commands.sendAndWait(new LiftLegalHold(caseId, staff.id()));
    }
}
