package haven.query.pages;

import haven.events.ErasureReason;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.access.AccessLog;
import haven.query.admin.HavenOperators;
import haven.query.admin.Processors;
import haven.query.caseload.Caseload;
import haven.query.caseload.RetentionDue;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The data protection officer's page: who read which case (the access log), legal holds and
 * erasure (sent to the command-service as them), and the projections with rebuild progress.
 */
@Controller
class AdminPages {

    private static final int LOG_PAGE_SIZE = 50;
    /** The same answer for a reference that does not exist and another organisation's case. */
    private static final String NO_SUCH_CASE = "There is no case of your organisation with that reference";

    private static final Map<String, String> DONE = Map.of(
            "rebuild", "The projection is being rebuilt; its progress is shown below",
            "hold", "The legal hold has been placed",
            "lift", "The legal hold has been lifted",
            "erase", "The case's personal data has been erased",
            "unexclude", "They can see and work on the case again, as their role allows");

    private final AccessLog accessLog;
    private final Processors processors;
    private final CommandService commands;

    private final RetentionDue retention;
    private final Partnership partnership;
    private final HavenOperators operators;
    private final Caseload caseload;

    AdminPages(
            AccessLog accessLog,
            Processors processors,
            CommandService commands,
            RetentionDue retention,
            Partnership partnership,
            HavenOperators operators,
            Caseload caseload) {
        this.operators = operators;
        this.caseload = caseload;
        this.retention = retention;
        this.partnership = partnership;
        this.accessLog = accessLog;
        this.processors = processors;
        this.commands = commands;
    }

    @GetMapping("/admin")
    ModelAndView admin(
            @RequestParam(defaultValue = "") String caseId,
            @RequestParam(defaultValue = "") String staff,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String done,
            @RequestParam(defaultValue = "false") boolean verify) {
        var view =
                page(caseId, staff, Math.max(0, page), Map.of(), done == null ? null : DONE.get(done), HttpStatus.OK);
        view.addObject("verification", verify ? accessLog.verify() : null);
        return view;
    }

    @PostMapping("/admin/processors/{name}/rebuild")
    String rebuild(@PathVariable String name) {
        operators.require(Staff.current(partnership).orElseThrow());
        processors.rebuild(name);
        return "redirect:/admin?done=rebuild#projections";
    }

    @PostMapping("/admin/legal-hold")
    ModelAndView placeHold(@RequestParam MultiValueMap<String, String> form) {
        var answers = new FormAnswers(form);
        return send(
                missing(
                        answers,
                        "hold",
                        "reference",
                        "Enter the case's reference",
                        "reason",
                        "Enter why the case's records must be kept"),
                answers,
                HttpMethod.POST,
                "legal-hold",
                Collections.singletonMap("reason", answers.value("reason")),
                "hold");
    }

    @PostMapping("/admin/legal-hold/lift")
    ModelAndView liftHold(@RequestParam MultiValueMap<String, String> form) {
        var answers = new FormAnswers(form);
        return send(
                missing(answers, "lift", "reference", "Enter the case's reference"),
                answers,
                HttpMethod.DELETE,
                "legal-hold",
                null,
                "lift");
    }

    @PostMapping("/admin/erasure")
    ModelAndView erase(@RequestParam MultiValueMap<String, String> form) {
        var answers = new FormAnswers(form);
        return send(
                missing(
                        answers,
                        "erase",
                        "reference",
                        "Enter the case's reference",
                        "confirm",
                        "Confirm that the personal data cannot be recovered once erased"),
                answers,
                HttpMethod.POST,
                "erasure",
                Map.of("reason", ErasureReason.ERASURE_REQUEST),
                "erase");
    }

    @PostMapping("/admin/lifted-exclusion")
    ModelAndView liftExclusion(@RequestParam MultiValueMap<String, String> form) {
        var answers = new FormAnswers(form);
        var body = new HashMap<String, String>();
        body.put("staffId", answers.value("staffId"));
        body.put("reason", answers.value("reason"));
        return send(
                missing(
                        answers,
                        "unexclude",
                        "reference",
                        "Enter the case's reference",
                        "staffId",
                        "Enter the staff id of the person to let back on",
                        "reason",
                        "Enter why the exclusion was wrong"),
                answers,
                HttpMethod.POST,
                "lifted-exclusions",
                body,
                "unexclude");
    }

    /** The problems of a form's required fields left blank, as field and message pairs; ids are {@code form-field}. */
    private static Map<String, String> missing(FormAnswers answers, String form, String... fieldsAndMessages) {
        var problems = new LinkedHashMap<String, String>();
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            if (answers.value(fieldsAndMessages[i]) == null) { // FormAnswers drops blanks
                problems.put(form + "-" + fieldsAndMessages[i], fieldsAndMessages[i + 1]);
            }
        }
        return problems;
    }

    /** {@code form} is the form's slug: its fields' ids start with it, and it names the success message. */
    private ModelAndView send(
            Map<String, String> problems,
            FormAnswers answers,
            HttpMethod method,
            String what,
            Object body,
            String form) {
        String caseId = problems.isEmpty()
                ? caseload.idOfReference(
                                answers.value("reference"),
                                Staff.current(partnership).orElseThrow())
                        .orElse(null)
                : null;
        if (problems.isEmpty() && caseId == null) {
            problems.put(form + "-reference", NO_SUCH_CASE);
        }
        if (problems.isEmpty()) {
            var answer = commands.actAs(method, "/api/admin/cases/{caseId}/" + what, body, caseId);
            if (answer.succeeded()) {
                return new ModelAndView("redirect:/admin?done=" + form + "#data-protection");
            }
            problems.put(
                    form + "-reference",
                    answer.status() == 404
                            ? NO_SUCH_CASE
                            : answer.body().path("detail").asText("This could not be done"));
        }
        var page = page("", "", 0, problems, null, HttpStatus.BAD_REQUEST);
        page.addObject("failed", form);
        page.addObject("answers", answers);
        return page;
    }

    private ModelAndView page(
            String caseId, String staff, int page, Map<String, String> problems, String done, HttpStatus status) {
        var model = new HashMap<String, Object>();
        var officer = Staff.current(partnership).orElseThrow();
        model.put(
                "log",
                officer.organisation() == null
                        ? new AccessLog.Page(List.of(), page, LOG_PAGE_SIZE)
                        : accessLog.entries(
                                officer.organisation(), blankToNull(caseId), blankToNull(staff), page, LOG_PAGE_SIZE));
        model.put("caseId", caseId);
        model.put("staff", staff);
        model.put("due", retention.due(officer));
        model.put(
                "processors",
                operators.includes(officer)
                        ? processors.all().stream()
                                .map(p -> Map.of("view", p, "progress", processors.progress(p.name())))
                                .toList()
                        : null);
        model.put("problems", problems);
        model.put("done", done);
        model.put("failed", "");
        model.put("verification", null);
        model.put("answers", new FormAnswers(new LinkedMultiValueMap<>()));
        var view = new ModelAndView("admin/admin", model);
        view.setStatus(status);
        return view;
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }
}
