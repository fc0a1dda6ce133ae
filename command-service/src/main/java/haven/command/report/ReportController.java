package haven.command.report;

import haven.command.requests.InvalidRequest;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Where every report comes in, named or anonymous. No sign-in and nothing about the caller is recorded. */
@RestController
class ReportController {

    private final ReportIntake intake;
    private final ReportRateLimit rateLimit;
    private final Partnership partnership;
    private final Areas areas;

    ReportController(ReportIntake intake, ReportRateLimit rateLimit, Partnership partnership, Areas areas) {
        this.intake = intake;
        this.rateLimit = rateLimit;
        this.partnership = partnership;
        this.areas = areas;
    }

    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    ReportIntake.Receipt submit(@Valid @RequestBody SubmitReportRequest r, HttpServletRequest request) {
        InvalidRequest.rejectIfAny(r.inconsistencies(areas, partnership));
        rateLimit.admit(request.getRemoteAddr());
        return intake.open(r, null);
    }
}
