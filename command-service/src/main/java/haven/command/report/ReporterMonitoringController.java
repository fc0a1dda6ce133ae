package haven.command.report;

import haven.command.cases.ReturnMonitoring;
import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.events.EqualityMonitoringReturned;
import haven.events.MonitoringQuestion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reporter's optional equality monitoring answers, once per report. The case records only that
 * they were returned; the answers are published as an event of their own that names no case, so
 * nobody working on the case can read them and they are counted only in the board's tables. The
 * case first, so a second return is refused before anything is counted: were the service to stop
 * between the two, that one return would be lost, never counted twice.
 */
@RestController
class ReporterMonitoringController {

    /** {@code answers}: an answer code (or PREFER_NOT_TO_SAY) by question; questions left out are not answered. */
    record MonitoringAnswers(
            @NotBlank @Size(max = 40) String reference,
            @NotBlank @Size(max = 40) String receipt,
            @NotNull Map<MonitoringQuestion, @NotNull @Size(max = 60) String> answers) {}

    private final CommandGateway commands;
    private final EventGateway events;
    private final ReporterAccess access;

    ReporterMonitoringController(CommandGateway commands, EventGateway events, ReporterAccess access) {
        this.commands = commands;
        this.events = events;
        this.access = access;
    }

    @PostMapping("/api/reporter/monitoring")
    ResponseEntity<?> answer(@Valid @RequestBody MonitoringAnswers a, HttpServletRequest request) {
        var answers = new EnumMap<MonitoringQuestion, String>(MonitoringQuestion.class);
        for (var answer : a.answers().entrySet()) {
            if (!answer.getKey().takes(answer.getValue())) {
                throw new InvalidRequest(List.of(new InvalidField(
                        "answers." + answer.getKey().name(),
                        "must be one of " + answer.getKey().answers())));
            }
            answers.put(answer.getKey(), answer.getValue());
        }
        return access.open(a.reference(), a.receipt(), request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> {
                    ReturnMonitoring.Reported reported = commands.sendAndWait(new ReturnMonitoring(caseId));
                    events.publish(new EqualityMonitoringReturned(
                            UUID.randomUUID().toString(),
                            reported.organisation(),
                            reported.type(),
                            Map.copyOf(answers)));
                    return ResponseEntity.accepted().build();
                })
                .orElseGet(() ->
                        ResponseEntity.status(HttpStatus.NOT_FOUND).body(ReporterMessageController.notRecognised()));
    }
}
