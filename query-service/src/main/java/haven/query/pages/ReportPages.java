package haven.query.pages;

import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.IntakeChannel;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.ReportingCentre;
import haven.infra.eventstore.StoreOutage;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reporting, one question per page, without signing in and without JavaScript. Each answer is
 * posted with the earlier ones; the next page comes back in the same response, so nothing is
 * stored until the reporter sends the report from the check-your-answers page. Under
 * {@code /intake}, staff and reporting centres go through the same questions with the person they
 * record a report for, and are asked besides how it reached them and whether they themselves may
 * be contacted.
 */
@Controller
class ReportPages {

    private final CommandService commands;
    private final Areas areas;
    private final Partnership partnership;
    private final PageText text;

    ReportPages(CommandService commands, Areas areas, Partnership partnership, PageText text) {
        this.text = text;
        this.commands = commands;
        this.areas = areas;
        this.partnership = partnership;
    }

    @GetMapping("/report")
    String start(Model model) {
        model.addAttribute("support", partnership.support());
        return "report/start";
    }

    @GetMapping("/report/type")
    String firstQuestion(Model model) {
        return show(
                ReportStep.TYPE,
                new ReportAnswers(new LinkedMultiValueMap<>(), areas, partnership),
                Map.of(),
                false,
                model);
    }

    /** The first question for someone recording a report for another person. */
    @GetMapping("/intake")
    String firstQuestionOfARecording(Model model) {
        var answers = new ReportAnswers(new LinkedMultiValueMap<>(), areas, partnership, recorder());
        return show(ReportStep.TYPE.previous(answers), answers, Map.of(), false, model);
    }

    /**
     * Takes a page's answers. {@code _goto} moves to another page without checking (Back, and the
     * Change links of the check page); {@code _returnToCheck} comes back to the check page after a change.
     */
    @PostMapping({"/report/{slug}", "/intake/{slug}"})
    String answer(
            @PathVariable String slug,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ReportStep step = ReportStep.of(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var answers = new ReportAnswers(
                form, areas, partnership, request.getServletPath().startsWith("/intake/") ? recorder() : null);
        if (!answers.asks(step)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean returnToCheck = form.containsKey("_returnToCheck");
        String jump = form.getFirst("_goto");
        if (jump != null) {
            ReportStep target = ReportStep.of(jump).orElse(step);
            return target == ReportStep.CHECK
                    ? checkAnswers(answers, model)
                    : show(target, answers, Map.of(), returnToCheck || step == ReportStep.CHECK, model);
        }
        var problems = answers.problemsWith(step);
        if (!problems.isEmpty()) {
            return show(step, answers, problems, returnToCheck, model);
        }
        if (step != ReportStep.CHECK) {
            return show(
                    returnToCheck ? answers.firstUnanswered() : step.next(answers), answers, Map.of(), false, model);
        }
        if (answers.firstUnanswered() != ReportStep.CHECK) {
            return checkAnswers(answers, model);
        }
        return send(answers, request.getRemoteAddr(), response, model);
    }

    /** The check page shows every answer back, so it is shown only once all of them have passed their checks. */
    private String checkAnswers(ReportAnswers answers, Model model) {
        ReportStep unanswered = answers.firstUnanswered();
        return show(
                unanswered,
                answers,
                unanswered == ReportStep.CHECK ? Map.of() : answers.problemsWith(unanswered),
                true,
                model);
    }

    /** Who is recording a report for someone: a reporting centre named by their sign-in, or a member of staff. */
    private ReportAnswers.Recorder recorder() {
        Staff staff = Staff.current(partnership).orElseThrow();
        if (staff.is(Role.CASEWORKER) || staff.is(Role.CASE_MANAGER)) {
            return new ReportAnswers.Recorder(null);
        }
        return new ReportAnswers.Recorder(partnership
                .reportingCentre(staff.team())
                .map(ReportingCentre::id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN)));
    }

    private String send(ReportAnswers answers, String browserAddress, HttpServletResponse response, Model model) {
        CommandService.Answer answer = answers.isRecordedForSomeone()
                ? commands.actAs(HttpMethod.POST, "/api/intake/reports", answers.toRecording())
                : commands.post("/api/reports", answers.toReport(), browserAddress);
        if (answer.status() == HttpStatus.FORBIDDEN.value()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (answer.succeeded()) {
            model.addAttribute("recordedForSomeone", answers.isRecordedForSomeone());
            model.addAttribute("languageForm", "NONE"); // sent: switching language must not send it again
            model.addAttribute("reference", answer.body().path("reference").asText());
            model.addAttribute("receipt", answer.body().path("receipt").asText());
            model.addAttribute("problems", Map.of());
            model.addAttribute(
                    "support",
                    answers.reportType()
                            .map(type -> partnership.supportFor(answers.recipient(), type))
                            .orElse(partnership.support()));
            return "report/sent";
        }
        if (answer.status() == 400 && !answer.fieldErrors().isEmpty()) {
            var refused = answer.fieldErrors().entrySet().iterator().next();
            ReportStep step = ReportStep.asking(refused.getKey());
            String field = step.fields.isEmpty() ? "check" : step.fields.get(0);
            return show(step, answers, Map.of(field, text.of("problem.refused", refused.getValue())), true, model);
        }
        if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) { // the store is away for a moment
            response.setStatus(answer.status());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(StoreOutage.RETRY_AFTER_SECONDS));
            return show(ReportStep.CHECK, answers, Map.of("check", text.of("problem.storeAway")), false, model);
        }
        if (answer.status() == HttpStatus.TOO_MANY_REQUESTS.value()) { // the rate limit per client address
            response.setStatus(answer.status());
            response.setHeader(HttpHeaders.RETRY_AFTER, answer.retryAfter());
            return show(
                    ReportStep.CHECK,
                    answers,
                    Map.of("check", text.of("problem.tooMany", RetryAfter.minutes(answer.retryAfter()))),
                    false,
                    model);
        }
        throw new IllegalStateException("The report could not be sent (" + answer.status() + ")");
    }

    private String show(
            ReportStep step, ReportAnswers answers, Map<String, String> problems, boolean returnToCheck, Model model) {
        model.addAttribute("step", step);
        model.addAttribute("question", text.of("ReportStep." + step.name()));
        model.addAttribute("answers", answers);
        var inWords = new LinkedHashMap<String, String>();
        problems.forEach(
                (field, problem) -> inWords.put(field, problem.startsWith("problem.") ? text.of(problem) : problem));
        model.addAttribute("problems", inWords);
        model.addAttribute("hidden", answers.hiddenOn(step));
        model.addAttribute("returnToCheck", returnToCheck);
        model.addAttribute("previous", step.previous(answers).slug);
        String formPath = answers.isRecordedForSomeone() ? "/intake/" : "/report/";
        model.addAttribute("formPath", formPath);
        // the language switcher sends this page's answers back to show it again in another language
        model.addAttribute("languageForm", "answers");
        model.addAttribute("languageAction", formPath + step.slug);
        model.addAttribute("languageGoto", step.slug);
        model.addAttribute("options", options());
        model.addAttribute(
                "areaOptions",
                answers.reportType()
                        .map(type -> areas.of(answers.recipient(), type))
                        .orElse(List.of()));
        return step == ReportStep.CHECK ? "report/check" : "report/question";
    }

    private static Map<String, Object> options() {
        var options = new LinkedHashMap<String, Object>();
        options.put("types", ReportType.values());
        options.put("categories", Category.values());
        options.put("locations", LocationType.values());
        options.put("motivations", Motivation.values());
        options.put("roles", ReporterRole.values());
        options.put("contact", ContactPreference.values());
        options.put(
                "channels",
                Arrays.stream(IntakeChannel.values())
                        .filter(IntakeChannel::takenByStaff)
                        .toArray(IntakeChannel[]::new));
        return options;
    }
}
