package haven.query.caseload;

import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BreakGlassController {

    record BreakGlassRequest(
            @NotBlank @Size(min = 10, max = 1000) String reason) {}

    private final EmergencyAccess emergency;

    BreakGlassController(EmergencyAccess emergency) {
        this.emergency = emergency;
    }

    /** Opens a case outside the caller's own work for a while; the case file and timeline then answer them. */
    @PostMapping("/api/cases/{caseId}/break-glass")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void breakGlass(@PathVariable String caseId, @Valid @RequestBody BreakGlassRequest request, Staff staff) {
        emergency.open(caseId, request.reason(), staff);
    }
}
