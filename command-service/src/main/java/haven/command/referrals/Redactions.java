package haven.command.referrals;

import haven.command.cases.RedactForSharing;
import haven.events.CaseId;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Redacted copies of a case, made before anything of it is shared: the only text a referral shares. */
@RestController
class Redactions {

    /** Ids Haven makes: random UUIDs. */
    static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * {@code hide}: the words or passages to mask wherever they appear; {@code notes}: the ids of the
     * notes to include; {@code reason}: why the copy is masked so (logged with who made it).
     */
    record RedactionRequest(
            @NotNull @Size(max = 200) List<@NotNull @Size(min = 1, max = 500) String> hide,
            @Size(max = 100) List<@NotNull @Pattern(regexp = ID, message = "must be the id of a note") String> notes,
            @NotBlank @Size(max = 2000) String reason) {}

    private final CommandGateway commands;

    Redactions(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/cases/{caseId}/redactions")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> redact(@PathVariable CaseId caseId, @Valid @RequestBody RedactionRequest r, Staff staff) {
        String redactionId = UUID.randomUUID().toString();
        commands.sendAndWait(new RedactForSharing(
                caseId,
                redactionId,
                r.hide(),
                r.notes() == null ? List.of() : r.notes().stream().distinct().toList(),
                r.reason().strip(),
                staff.id()));
        return Map.of("redactionId", redactionId);
    }
}
