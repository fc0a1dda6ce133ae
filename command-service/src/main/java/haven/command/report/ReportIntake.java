package haven.command.report;

import haven.command.cases.SubmitReport;
import haven.events.CaseId;
import haven.events.FollowUpKey;
import haven.events.ReportType;
import haven.infra.council.Partnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Opens a case for a checked report, however it came in: a reference and receipt issued, the case
 * opened, and nothing half stored if that fails.
 */
@Component
class ReportIntake {

    record Receipt(String caseId, String reference, String receipt) {}

    private final CommandGateway commands;
    private final ReporterAccess access;
    private final ReceiptIssuer receipts;
    private final Partnership partnership;
    /** By type only: nothing about the reporter or the case. Registered up front so a rate starts at zero. */
    private final Map<ReportType, Counter> submitted = new EnumMap<>(ReportType.class);

    ReportIntake(
            CommandGateway commands,
            ReporterAccess access,
            ReceiptIssuer receipts,
            Partnership partnership,
            MeterRegistry metrics) {
        this.commands = commands;
        this.access = access;
        this.receipts = receipts;
        this.partnership = partnership;
        for (ReportType type : ReportType.values()) {
            submitted.put(
                    type,
                    Counter.builder("haven.reports.submitted")
                            .tag("type", type.name())
                            .description("Reports acknowledged with a reference")
                            .register(metrics));
        }
    }

    /** {@code onBehalf}: who recorded it for the person, null when they reported it themselves. */
    Receipt open(SubmitReportRequest r, SubmitReport.OnBehalf onBehalf) {
        var recipient = r.recipient(partnership);
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
                    recipient.intakeTeam(r.type()),
                    onBehalf,
                    r.language()));
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
