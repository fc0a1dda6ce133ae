package haven.query.pages;

import haven.events.MonitoringQuestion;
import haven.infra.council.Partnership;
import haven.infra.security.TooManyAttempts;
import haven.query.reporter.ReporterStatuses;
import haven.query.reporter.ReporterStatuses.ReporterStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A reporter follows up with their reference and receipt: what is happening, the messages, a
 * reply, and files to add. The receipt travels in the forms' bodies, never in a URL, and is not kept anywhere.
 */
@Controller
class FollowUpPages {

    private final ReporterStatuses statuses;
    private final CommandService commands;
    private final FreshViews freshViews;
    private final Partnership partnership;
    private final MonitoringQuestions monitoring;
    private final PageText text;
    private final Languages languages;

    FollowUpPages(
            ReporterStatuses statuses,
            CommandService commands,
            FreshViews freshViews,
            Partnership partnership,
            MonitoringQuestions monitoring,
            PageText text,
            LocaleResolver languages) {
        this.text = text;
        this.languages = (Languages) languages;
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
            HttpServletRequest request,
            HttpServletResponse response) {
        if (reference.isBlank() || receipt.isBlank()) {
            var problems = new LinkedHashMap<String, String>();
            if (reference.isBlank()) {
                problems.put("reference", text.of("problem.reference"));
            }
            if (receipt.isBlank()) {
                problems.put("receipt", text.of("problem.receipt"));
            }
            return signIn(reference, problems, HttpStatus.BAD_REQUEST);
        }
        return find(reference, receipt, request)
                .map(status -> {
                    inTheirLanguage(status, request, response);
                    return statusPage(status, receipt, Map.of(), null);
                })
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
                    Map.of("text", this.text.of(text.isBlank() ? "problem.message" : "problem.message.tooLong")),
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
        var model = new HashMap<String, Object>();
        model.put("reference", status.get().reference());
        model.put("receipt", receipt);
        model.put("questions", monitoring.in(locale));
        model.put("problems", Map.of());
        model.put("languageForm", "language");
        model.put("languageAction", "/follow-up/monitoring/questions");
        return new ModelAndView("follow-up/monitoring", model);
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
                            text.of(details.length() > 5000 ? "problem.checkIn.tooLong" : "problem.checkIn")),
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
                    Map.of("grounds", text.of(grounds.isBlank() ? "problem.grounds" : "problem.grounds.tooLong")),
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
            return statusPage(status.get(), receipt, Map.of("file", text.of("problem.file")), null);
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
                    Map.of("reference", text.of("problem.tooManyAttempts", RetryAfter.minutes(sent.retryAfter()))),
                    HttpStatus.TOO_MANY_REQUESTS);
        }
        if (sent.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) { // the store is away for a moment
            var page = statusPage(
                    status,
                    receipt,
                    Map.of(field, text.of(draft != null ? "problem.notSent.draft" : "problem.notSent")),
                    draft);
            page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return page;
        }
        if (sent.status() == HttpStatus.CONFLICT.value()) {
            String rule = sent.body().path("detail").asText("");
            if (rule.contains("details have been deleted")) { // erased since the page was shown
                return statusPage(ReporterStatuses.erased(status.reference()), receipt, Map.of(), null);
            }
            // too late, or already appealed: the case's own words
            var page = statusPage(status, receipt, Map.of(field, text.of("problem.refusedByCase", rule)), draft);
            page.setStatus(HttpStatus.CONFLICT);
            return page;
        }
        String refused = sent.fieldErrors().get(field);
        if (refused != null && sent.status() < 500) { // a file that is too large or not what it says
            var page = statusPage(status, receipt, Map.of(field, text.of("problem.refused." + what, refused)), draft);
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
                        text.of(
                                "problem.tooManyAttempts",
                                RetryAfter.minutes(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))),
                HttpStatus.TOO_MANY_REQUESTS);
    }

    /** A reference and receipt that match no report: the sign-in page again, saying so. */
    private ModelAndView notRecognised(String reference) {
        return signIn(reference, Map.of("reference", text.of("problem.notRecognised")), HttpStatus.NOT_FOUND);
    }

    /**
     * The follow-up page in the language the report was made in, unless this visitor has chosen one
     * with the switcher: Haven's words only; what people wrote stays as they wrote it.
     */
    private void inTheirLanguage(ReporterStatus status, HttpServletRequest request, HttpServletResponse response) {
        if (status.language() != null
                && languages.chosen(request).isEmpty()
                && languages.codes().contains(status.language())) {
            languages.setLocale(request, response, Locale.forLanguageTag(status.language()));
        }
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
        model.put("stage", text.of("Stage." + status.stage() + ".status"));
        model.put("nextStep", text.of("Stage." + status.stage() + ".next"));
        model.put("languageForm", "language");
        model.put("languageAction", "/follow-up");
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
