package haven.command.report;

import haven.command.cases.SubmitReport;
import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.events.IntakeChannel;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.ReportingCentre;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reports recorded for someone else: by a member of staff who took it by phone, in person, by
 * letter or by email, or by a reporting centre. The person's own choices (to give their name, how
 * to be contacted, to have it shared) are the report's, asked of them; whether the recorder may be
 * contacted is asked separately. The person is given the reference and receipt, read out or printed,
 * and follows up themselves.
 */
@RestController
class IntakeController {

    record OnBehalfRequest(
            @NotNull @Valid SubmitReportRequest report,
            IntakeChannel channel,
            @NotNull Boolean recorderMayBeContacted) {}

    private final ReportIntake intake;
    private final Partnership partnership;
    private final Areas areas;

    IntakeController(ReportIntake intake, Partnership partnership, Areas areas) {
        this.intake = intake;
        this.partnership = partnership;
        this.areas = areas;
    }

    @PostMapping("/api/intake/reports")
    @ResponseStatus(HttpStatus.CREATED)
    ReportIntake.Receipt record(@Valid @RequestBody OnBehalfRequest r, Staff recorder) {
        var problems = new ArrayList<InvalidField>();
        r.report()
                .inconsistencies(areas, partnership)
                .forEach(p -> problems.add(new InvalidField("report." + p.field(), p.reason())));
        boolean forCentre =
                recorder.is(Role.REPORTING_CENTRE) && !recorder.is(Role.CASEWORKER) && !recorder.is(Role.CASE_MANAGER);
        String centre = null;
        if (forCentre) {
            centre = partnership
                    .reportingCentre(recorder.team())
                    .map(ReportingCentre::id)
                    .orElseThrow(() -> new ResponseStatusException(
                            HttpStatus.FORBIDDEN, "Your sign-in names no reporting centre of this partnership."));
            if (r.channel() != null && r.channel() != IntakeChannel.REPORTING_CENTRE) {
                problems.add(
                        new InvalidField("channel", "must be REPORTING_CENTRE for a reporting centre, or left out"));
            }
        } else if (r.channel() == null || !r.channel().takenByStaff()) {
            problems.add(new InvalidField("channel", "must be PHONE, IN_PERSON, LETTER or EMAIL"));
        }
        InvalidRequest.rejectIfAny(problems);
        return intake.open(
                r.report(),
                new SubmitReport.OnBehalf(
                        forCentre ? IntakeChannel.REPORTING_CENTRE : r.channel(),
                        recorder.id(),
                        centre,
                        r.recorderMayBeContacted()));
    }
}
