package haven.command.referrals;

import haven.command.cases.RecordPoliceReport;
import haven.events.CaseId;
import haven.events.PoliceClassification;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What the police recorded of a case: their crime reference number and their classification. */
@RestController
class PoliceReports {

    /** Forces write crime references in letters, digits, slashes and hyphens ("42/12345/26", "CR-0012345-26"). */
    record PoliceReportRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/-]{2,39}", message = "must be a crime reference number")
            String crimeReference,

            @NotNull PoliceClassification classification) {}

    private final CommandGateway commands;

    PoliceReports(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/cases/{caseId}/police-report")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void record(@PathVariable CaseId caseId, @Valid @RequestBody PoliceReportRequest r, Staff staff) {
        commands.sendAndWait(new RecordPoliceReport(caseId, r.crimeReference(), r.classification(), staff.id()));
    }
}
