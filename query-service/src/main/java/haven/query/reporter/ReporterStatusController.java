package haven.query.reporter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A reporter follows up without signing in. Secrets travel in the body, never the URL; a wrong
 * receipt and an unknown reference get the same answer after the same work.
 */
@RestController
class ReporterStatusController {

    record StatusRequest(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt) {}

    private final ReporterStatuses statuses;

    ReporterStatusController(ReporterStatuses statuses) {
        this.statuses = statuses;
    }

    @PostMapping("/api/reporter/status")
    ResponseEntity<?> status(@Valid @RequestBody StatusRequest request, HttpServletRequest http) {
        return statuses.find(request.reference(), request.receipt(), http.getRemoteAddr())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> {
                    var problem = ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "No report matches that reference and receipt. Check both and try again.");
                    problem.setTitle("Reference or receipt not recognised");
                    problem.setType(URI.create("urn:haven:problem:reference-not-recognised"));
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }
}
