package haven.query.pages;

import haven.events.MonitoringQuestion;
import haven.infra.council.Partnership;
import haven.infra.security.TooManyAttempts;
import haven.query.reporter.ReporterStatuses;
import haven.query.reporter.ReporterStatuses.ReporterStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * A reporter follows up with their reference and receipt: what is happening, the messages, a
 * reply, and files to add. The receipt travels in the forms' bodies, never in a URL, and is not kept anywhere.
 */
@Controller
class FollowUpPages {

    static final String NOT_RECOGNISED =
            "We cannot find a report with that reference and receipt. Check both and try again.";

    private final ReporterStatuses statuses;
    private final CommandService commands;
    private final FreshViews freshViews;
    private final Partnership partnership;
    private final MonitoringQuestions monitoring;

    FollowUpPages(
            ReporterStatuses statuses,
            CommandService commands,
            FreshViews freshViews,
            Partnership partnership,
            MonitoringQuestions monitoring) {
        this.statuses = statuses;
        this.commands = commands;
        this.freshViews = freshViews;
        this.partnership = partnership;
        this.monitoring = monitoring;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/report";
    }

    @GetMapping("/follow-up")
    String form(Model model) {
        model.addAttribute("problems", Map.of());
        return "follow-up/sign-in";
    }

    @PostMapping("/follow-up")
    ModelAndView status(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            HttpServletRequest request) {
        if (reference.isBlank() || receipt.isBlank()) {
            var problems = new LinkedHashMap<String, String>();
            if (reference.isBlank()) {
                problems.put("reference", "Enter your reference");
            }
            if (receipt.isBlank()) {
                problems.put("receipt", "Enter your receipt");
            }
            return signIn(reference, problems, HttpStatus.BAD_REQUEST);
        }
        return find(reference, receipt, request)
                .map(status -> statusPage(status, receipt, Map.of(), null))
                .orElseGet(() -> notRecognised(reference));
    }

    @PostMapping("/follow-up/reply")
    ModelAndView reply(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestParam(defaultValue = "") String text,
            HttpServletRequest request) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().open()) {
            return statusPage(status.get(), receipt, Map.of(), null); // nothing to send to: the page says so
        }
        if (text.isBlank() || text.length() > 5000) {
            return statusPage(
                    status.get(),
                    receipt,
                    Map.of(
                            "text",
                            text.isBlank() ? "Enter your message" : "Your message must be 5,000 characters or fewer"),
                    text);
        }
        var sent = commands.post(
                "/api/reporter/messages",
                Map.of("reference", reference, "receipt", receipt, "text", text),
                request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "text", text, "message", "sent", request);
    }

    /** The optional equality monitoring questions, on a page of their own, until the reporter has answered them. */
    @PostMapping("/follow-up/monitoring/questions")
    ModelAndView monitoringQuestions(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            HttpServletRequest request,
            Locale locale) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().open() || status.get().monitoringReturned()) {
            return statusPage(status.get(), receipt, Map.of(), null);
        }
        return new ModelAndView(
                "follow-up/monitoring",
                Map.of(
                        "reference", status.get().reference(),
                        "receipt", receipt,
                        "questions", monitoring.in(locale),
                        "problems", Map.of()));
    }

    /** Only answers the questions offer are sent; a question left unanswered is simply not counted. */
    @PostMapping("/follow-up/monitoring")
    ModelAndView monitoring(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        String reference = Objects.requireNonNullElse(form.getFirst("reference"), "");
        String receipt = Objects.requireNonNullElse(form.getFirst("receipt"), "");
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        var answers = new LinkedHashMap<String, String>();
        for (MonitoringQuestion question : MonitoringQuestion.values()) {
            String answer = form.getFirst(question.name());
            if (answer != null && question.takes(answer)) {
                answers.put(question.name(), answer);
            }
        }
        var sent = commands.post(
                "/api/reporter/monitoring",
                Map.of("reference", reference, "receipt", receipt, "answers", answers),
                request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "monitoring", null, "answers", "monitoringThanks", request);
    }

    /** The reporter gives or withdraws their consent to their report being shared with partners. */
    @PostMapping("/follow-up/consent")
    ModelAndView consent(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestParam(defaultValue = "") String consent,
            HttpServletRequest request) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().open() || !consent.equals("yes") && !consent.equals("no")) {
            return statusPage(status.get(), receipt, Map.of(), null);
        }
        var change = new HashMap<String, Object>();
        change.put("reference", reference);
        change.put("receipt", receipt);
        change.put("consent", consent.equals("yes"));
        var sent = commands.post("/api/reporter/consent", change, request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "consent", null, "choice", "consentChanged", request);
    }

    /** "Has anything happened since?": the reporter's answer; being treated badly for reporting reopens the case. */
    @PostMapping("/follow-up/check-in")
    ModelAndView checkIn(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestParam(defaultValue = "") String victimised,
            @RequestParam(defaultValue = "") String details,
            HttpServletRequest request) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().checkInOpen()) {
            return statusPage(status.get(), receipt, Map.of(), null);
        }
        if (!victimised.equals("yes") && !victimised.equals("no") || details.length() > 5000) {
            return statusPage(
                    status.get(),
                    receipt,
                    Map.of(
                            "victimised",
                            details.length() > 5000
                                    ? "What happened must be 5,000 characters or fewer"
                                    : "Say whether anything has happened since"),
                    details);
        }
        var answer = new HashMap<String, Object>();
        answer.put("reference", reference);
        answer.put("receipt", receipt);
        answer.put("victimised", victimised.equals("yes"));
        answer.put("details", details.isBlank() ? null : details);
        var sent = commands.post("/api/reporter/check-in", answer, request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "victimised", details, "answer", "checkInAnswered", request);
    }

    /** The reporter appeals the outcome, within the window, once; the case's refusal (too late, already) is shown in its words. */
    @PostMapping("/follow-up/appeal")
    ModelAndView appeal(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestParam(defaultValue = "") String grounds,
            HttpServletRequest request) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().mayAppeal()) {
            return statusPage(status.get(), receipt, Map.of(), null); // the page says where things stand
        }
        if (grounds.isBlank() || grounds.length() > 5000) {
            return statusPage(
                    status.get(),
                    receipt,
                    Map.of(
                            "grounds",
                            grounds.isBlank()
                                    ? "Enter why you are appealing"
                                    : "Your reasons must be 5,000 characters or fewer"),
                    grounds);
        }
        var sent = commands.post(
                "/api/reporter/appeal",
                Map.of("reference", reference, "receipt", receipt, "grounds", grounds),
                request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "grounds", grounds, "appeal", "appealSent", request);
    }

    /** A file the reporter adds (a photo, a screenshot, a letter), from this page or straight after reporting. */
    @PostMapping("/follow-up/attachments")
    ModelAndView attach(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestParam(required = false) MultipartFile file,
            HttpServletRequest request) {
        Optional<ReporterStatus> status = find(reference, receipt, request);
        if (status.isEmpty()) {
            return notRecognised(reference);
        }
        if (!status.get().open()) {
            return statusPage(status.get(), receipt, Map.of(), null);
        }
        if (file == null || file.isEmpty()) {
            return statusPage(status.get(), receipt, Map.of("file", "Choose a file to add"), null);
        }
        var sent = commands.postFile(
                "/api/reporter/attachments",
                Map.of("reference", reference, "receipt", receipt),
                file,
                request.getRemoteAddr());
        return answered(sent, status.get(), receipt, "file", null, "file", "fileAdded", request);
    }

    /**
     * The page after sending: throttled, the store away for a moment (nothing sent, the draft kept),
     * erased meanwhile, refused (the field named), or done ({@code flag} set for its banner, the
     * views waited for and read again so that the page shows the change).
     */
    private ModelAndView answered(
            CommandService.Answer sent,
            ReporterStatus status,
            String receipt,
            String field,
            String draft,
            String what,
            String flag,
            HttpServletRequest request) {
        if (sent.status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return signIn(
                    "",
                    Map.of(
                            "reference",
                            "Too many attempts with a wrong reference or receipt. Try again in "
                                    + RetryAfter.inWords(sent.retryAfter()) + "."),
                    HttpStatus.TOO_MANY_REQUESTS);
        }
        if (sent.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) { // the store is away for a moment
            var page = statusPage(
                    status,
                    receipt,
                    Map.of(
                            field,
                            "Haven could not send your " + what + " just now. Nothing was sent"
                                    + (draft != null ? ", and what you wrote is still here" : "")
                                    + ": send it again in a few seconds."),
                    draft);
            page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return page;
        }
        if (sent.status() == HttpStatus.CONFLICT.value()) {
            String rule = sent.body().path("detail").asText("");
            if (rule.contains("details have been deleted")) { // erased since the page was shown
                return statusPage(ReporterStatuses.erased(status.reference()), receipt, Map.of(), null);
            }
            var page = statusPage(status, receipt, Map.of(field, rule), draft); // too late, or already appealed
            page.setStatus(HttpStatus.CONFLICT);
            return page;
        }
        String refused = sent.fieldErrors().get(field);
        if (refused != null && sent.status() < 500) { // a file that is too large or not what it says
            var page = statusPage(status, receipt, Map.of(field, "The " + what + " " + refused), draft);
            page.setStatus(HttpStatus.valueOf(sent.status()));
            return page;
        }
        if (!sent.succeeded()) {
            throw new IllegalStateException("The " + what + " was refused (" + sent.status() + ")");
        }
        freshViews.await();
        var page = statusPage(find(status.reference(), receipt, request).orElse(status), receipt, Map.of(), null);
        page.addObject(flag, true);
        return page;
    }

    private Optional<ReporterStatus> find(String reference, String receipt, HttpServletRequest request) {
        return statuses.find(reference, receipt, request.getRemoteAddr());
    }

    /** Too many wrong receipts: the same page, saying when to try again. */
    @ExceptionHandler(TooManyAttempts.class)
    ModelAndView throttled(TooManyAttempts e) {
        return signIn(
                "",
                Map.of(
                        "reference",
                        "Too many attempts with a wrong reference or receipt. Try again in "
                                + RetryAfter.inWords(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)) + "."),
                HttpStatus.TOO_MANY_REQUESTS);
    }

    /** A reference and receipt that match no report: the sign-in page again, saying so. */
    private static ModelAndView notRecognised(String reference) {
        return signIn(reference, Map.of("reference", NOT_RECOGNISED), HttpStatus.NOT_FOUND);
    }

    private static ModelAndView signIn(String reference, Map<String, String> problems, HttpStatus status) {
        var page = new ModelAndView("follow-up/sign-in", Map.of("problems", problems, "reference", reference));
        page.setStatus(status);
        return page;
    }

    private ModelAndView statusPage(ReporterStatus status, String receipt, Map<String, String> problems, String draft) {
        var model = new HashMap<String, Object>();
        model.put("status", status);
        model.put("receipt", receipt);
        model.put("problems", problems);
        model.put("draft", draft == null ? "" : draft);
        model.put("sent", false);
        model.put("fileAdded", false);
        model.put("appealSent", false);
        model.put("checkInAnswered", false);
        model.put("consentChanged", false);
        model.put("monitoringThanks", false);
        model.put(
                "support",
                status.type() == null
                        ? partnership.support()
                        : partnership.supportFor(status.organisation(), status.type()));
        var page = new ModelAndView("follow-up/status", model);
        page.setStatus(problems.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        return page;
    }
}
