package haven.command.report;

import haven.command.cases.SubmitReport;
import haven.command.web.InvalidRequest;
import haven.events.CaseId;
import haven.events.ContactPreference;
import haven.events.Reporter;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Where every report comes in, named or anonymous. No sign-in and nothing about the caller is recorded. */
@RestController
class ReportController {

    record Receipt(String caseId, String reference, String receipt) {
    }

    private final CommandGateway commands;
    private final ReporterAccess access;
    private final ReceiptIssuer receipts;

    ReportController(CommandGateway commands, ReporterAccess access, ReceiptIssuer receipts) {
        this.commands = commands;
        this.access = access;
        this.receipts = receipts;
    }

    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    Receipt submit(@Valid @RequestBody SubmitReportRequest r) {
        InvalidRequest.rejectIfAny(r.inconsistencies());
        var caseId = new CaseId(UUID.randomUUID().toString());
        String receipt = receipts.newReceipt();
        String receiptHash = receipts.hash(receipt);
        String reference = access.register(caseId, receiptHash);
        try {
            commands.sendAndWait(new SubmitReport(caseId, reference, receiptHash, r.type(), r.category(),
                    r.occurredOn(), r.locationType(), r.area().trim(), Objects.requireNonNullElse(r.motivations(), Set.of()),
                    r.reporterRole(), r.anonymous(), reporter(r), contactPreference(r), r.narrative(),
                    Objects.requireNonNullElse(r.namedParties(), List.of()),
                    Objects.requireNonNullElse(r.namedStaff(), List.of()), r.policeInformed(), r.consentToShare()));
        } catch (RuntimeException e) {
            access.forget(reference); // nothing half stored: no reference without its case
            throw e;
        }
        return new Receipt(caseId.value(), reference, receipt);
    }

    private static Reporter reporter(SubmitReportRequest r) {
        var d = r.reporter();
        return r.anonymous() || d == null ? null : new Reporter(d.name().trim(), d.email(), d.phone());
    }

    private static ContactPreference contactPreference(SubmitReportRequest r) {
        return Objects.requireNonNullElse(r.contactPreference(), ContactPreference.FOLLOW_UP_ONLY);
    }
}
