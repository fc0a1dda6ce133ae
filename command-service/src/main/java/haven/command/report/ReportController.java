package haven.command.report;

import haven.command.cases.SubmitReport;
import haven.command.requests.InvalidRequest;
import haven.events.CaseId;
import haven.events.FollowUpKey;
import haven.events.ReportType;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    record Receipt(String caseId, String reference, String receipt) {}

    private final CommandGateway commands;
    private final ReporterAccess access;
    private final ReceiptIssuer receipts;
    private final ReportRateLimit rateLimit;
    private final Partnership partnership;
    private final Areas areas;
    /** By type only: nothing about the reporter or the case. Registered up front so a rate starts at zero. */
    private final Map<ReportType, Counter> submitted = new EnumMap<>(ReportType.class);

    ReportController(
            CommandGateway commands,
            ReporterAccess access,
            ReceiptIssuer receipts,
            ReportRateLimit rateLimit,
            Partnership partnership,
            Areas areas,
            MeterRegistry metrics) {
        this.commands = commands;
        this.partnership = partnership;
        this.areas = areas;
        this.rateLimit = rateLimit;
        this.access = access;
        this.receipts = receipts;
        for (ReportType type : ReportType.values()) {
            submitted.put(
                    type,
                    Counter.builder("haven.reports.submitted")
                            .tag("type", type.name())
                            .description("Reports acknowledged with a reference")
                            .register(metrics));
        }
    }

    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    Receipt submit(@Valid @RequestBody SubmitReportRequest r, HttpServletRequest request) {
        InvalidRequest.rejectIfAny(r.inconsistencies(areas, partnership));
        var recipient = r.recipient(partnership);
        rateLimit.admit(request.getRemoteAddr());
        var caseId = new CaseId(UUID.randomUUID().toString());
        String receipt = receipts.newReceipt();
        String receiptHash = receipts.hash(receipt);
        String reference = access.register(caseId, receiptHash);
        try {
            commands.sendAndWait(new SubmitReport(
                    caseId,
                    new FollowUpKey(reference, receiptHash),
                    r.details(),
                    Objects.requireNonNullElse(r.namedStaff(), List.of()),
                    recipient.id(),
                    recipient.intakeTeam(r.type())));
        } catch (RuntimeException e) {
            forget(reference, e);
            throw e;
        }
        submitted.get(r.type()).increment();
        return new Receipt(caseId.value(), reference, receipt);
    }

    /**
     * Nothing half stored: no reference without its case. If the store is away, the reference stays
     * behind; it leads to no case, and the reporter was never given it.
     */
    private void forget(String reference, RuntimeException failure) {
        try {
            access.forget(reference);
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }
}
