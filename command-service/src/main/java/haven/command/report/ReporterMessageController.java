package haven.command.report;

import haven.command.cases.AnswerCheckIn;
import haven.command.cases.ChangeConsentToShare;
import haven.command.cases.LodgeAppeal;
import haven.command.cases.ReceiveMessageFromReporter;
import haven.command.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A reporter, possibly anonymous, writes to the case team or appeals the outcome using their reference and receipt. */
@RestController
class ReporterMessageController {

    record ReporterMessage(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt,
            @NotBlank @Size(max = 5000) String text) {}

    record ReporterAppeal(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt,
            @NotBlank @Size(max = 5000) String grounds) {}

    record CheckInAnswer(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt,
            @NotNull Boolean victimised,
            @Size(max = 5000) String details) {}

    record ConsentChange(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt,
            @NotNull Boolean consent) {}

    private final CommandGateway commands;
    private final ReporterAccess access;
    private final Clock clock;

    ReporterMessageController(CommandGateway commands, ReporterAccess access, Clock clock) {
        this.commands = commands;
        this.access = access;
        this.clock = clock;
    }

    /** A wrong receipt and an unknown reference get the same answer, so neither can be probed. */
    @PostMapping("/api/reporter/messages")
    ResponseEntity<?> send(@Valid @RequestBody ReporterMessage m, HttpServletRequest request) {
        return access.open(m.reference(), m.receipt(), request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> {
                    String messageId = UUID.randomUUID().toString();
                    commands.sendAndWait(new ReceiveMessageFromReporter(caseId, messageId, m.text()));
                    return ResponseEntity.accepted().body(Map.of("messageId", messageId));
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notRecognised()));
    }

    /** The reporter gives or withdraws their consent to their report being shared with partners. */
    @PostMapping("/api/reporter/consent")
    ResponseEntity<?> consent(@Valid @RequestBody ConsentChange c, HttpServletRequest request) {
        return access.open(c.reference(), c.receipt(), request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> {
                    commands.sendAndWait(new ChangeConsentToShare(caseId, c.consent()));
                    return ResponseEntity.accepted().build();
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notRecognised()));
    }

    /** "Has anything happened since?": once per check-in; being treated badly for reporting reopens the case. */
    @PostMapping("/api/reporter/check-in")
    ResponseEntity<?> checkIn(@Valid @RequestBody CheckInAnswer a, HttpServletRequest request) {
        return access.open(a.reference(), a.receipt(), request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> {
                    String details = a.details() == null || a.details().isBlank() ? null : a.details();
                    commands.sendAndWait(new AnswerCheckIn(caseId, a.victimised(), details, clock.instant()));
                    return ResponseEntity.accepted().build();
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notRecognised()));
    }

    /** Within the appeal window after the outcome, once; otherwise a 409 naming the rule. */
    @PostMapping("/api/reporter/appeal")
    ResponseEntity<?> appeal(@Valid @RequestBody ReporterAppeal a, HttpServletRequest request) {
        return access.open(a.reference(), a.receipt(), request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> {
                    commands.sendAndWait(new LodgeAppeal(caseId, a.grounds(), clock.instant(), null));
                    return ResponseEntity.accepted().build();
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notRecognised()));
    }

    static ProblemDetail notRecognised() {
        return ProblemResponses.problem(
                HttpStatus.NOT_FOUND,
                "reference-not-recognised",
                "Reference or receipt not recognised",
                "No report matches that reference and receipt. Check both and try again.");
    }
}
