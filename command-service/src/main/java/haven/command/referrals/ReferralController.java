package haven.command.referrals;

import haven.command.cases.ReferCase;
import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.events.CaseId;
import haven.events.ReferralBasis;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
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

/** Referring a case to another organisation of the partnership, sharing a redacted copy of it. */
@RestController
class ReferralController {

    /**
     * {@code to}: the partner's id; {@code lawfulBasis}: why, when the reporter did not consent;
     * {@code redactionId}: the redacted copy to share (without one, only the report's categories).
     */
    record ReferralRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an organisation's id")
            String to,

            @NotNull ReferralBasis basis,
            @Size(max = 2000) String lawfulBasis,

            @Pattern(regexp = Redactions.ID, message = "must be the id of a redacted copy")
            String redactionId) {}

    private final CommandGateway commands;
    private final Partnership partnership;

    ReferralController(CommandGateway commands, Partnership partnership) {
        this.commands = commands;
        this.partnership = partnership;
    }

    @PostMapping("/api/cases/{caseId}/referrals")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> refer(@PathVariable CaseId caseId, @Valid @RequestBody ReferralRequest r, Staff staff) {
        if (partnership.organisation(r.to()).filter(o -> !o.leaving()).isEmpty()) {
            throw new InvalidRequest(List.of(new InvalidField("to", "must be an organisation of the partnership")));
        }
        if (r.basis() == ReferralBasis.LAWFUL_BASIS
                && (r.lawfulBasis() == null || r.lawfulBasis().isBlank())) {
            throw new InvalidRequest(
                    List.of(new InvalidField("lawfulBasis", "must say why it is shared without consent")));
        }
        String referralId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReferCase(
                caseId,
                referralId,
                r.to(),
                r.basis(),
                r.lawfulBasis() == null ? null : r.lawfulBasis().strip(),
                r.redactionId(),
                staff.id()));
        return Map.of("referralId", referralId);
    }
}
