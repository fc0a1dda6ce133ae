package haven.query.pages;

import haven.events.ErasureReason;
import haven.query.access.AccessLogController;
import haven.query.admin.ProcessorAdminController;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
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

    private final AccessLogController accessLog;
    private final ProcessorAdminController processors;
    private final CommandService commands;

    AdminPages(AccessLogController accessLog, ProcessorAdminController processors, CommandService commands) {
        this.accessLog = accessLog;
        this.processors = processors;
        this.commands = commands;
    }

    @GetMapping("/admin")
    ModelAndView admin(@RequestParam(defaultValue = "") String caseId, @RequestParam(defaultValue = "") String staff,
            @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String done) {
        return page(caseId, staff, Math.max(0, page), Map.of(), done == null ? null : DONE.get(done), HttpStatus.OK);
    }

    @PostMapping("/admin/processors/{name}/rebuild")
    String rebuild(@PathVariable String name) {
        processors.replay(name);
        return "redirect:/admin?done=rebuild#projections";
    }

    @PostMapping("/admin/legal-hold")
    ModelAndView placeHold(@RequestParam(defaultValue = "") String caseId, @RequestParam(defaultValue = "") String reason) {
        var problems = new LinkedHashMap<String, String>();
        require(problems, "hold-caseId", caseId, "Enter the case id");
        require(problems, "hold-reason", reason, "Enter why the case's records must be kept");
        return send(problems, HttpMethod.POST, caseId, "legal-hold", Map.of("reason", reason), "hold-caseId", "hold");
    }

    @PostMapping("/admin/legal-hold/lift")
    ModelAndView liftHold(@RequestParam(defaultValue = "") String caseId) {
        var problems = new LinkedHashMap<String, String>();
        require(problems, "lift-caseId", caseId, "Enter the case id");
        return send(problems, HttpMethod.DELETE, caseId, "legal-hold", null, "lift-caseId", "lift");
    }

    @PostMapping("/admin/erasure")
    ModelAndView erase(@RequestParam(defaultValue = "") String caseId, @RequestParam(defaultValue = "") String confirm) {
        var problems = new LinkedHashMap<String, String>();
        require(problems, "erase-caseId", caseId, "Enter the case id");
        require(problems, "erase-confirm", confirm, "Confirm that the personal data cannot be recovered once erased");
        return send(problems, HttpMethod.POST, caseId, "erasure", Map.of("reason", ErasureReason.ERASURE_REQUEST),
                "erase-caseId", "erasure");
    }

    private static final Map<String, String> DONE = Map.of(
            "rebuild", "The projection is being rebuilt; its progress is shown below",
            "hold", "The legal hold has been placed",
            "lift", "The legal hold has been lifted",
            "erasure", "The case's personal data has been erased");

    private ModelAndView send(Map<String, String> problems, HttpMethod method, String caseId, String what,
            Object body, String field, String done) {
        if (problems.isEmpty()) {
            var answer = commands.actAs(method, "/api/admin/cases/" + caseId.trim() + "/" + what, body);
            if (answer.succeeded()) {
                return new ModelAndView("redirect:/admin?done=" + done + "#data-protection");
            }
            problems.put(field, answer.status() == 404 ? "There is no case with that id"
                    : answer.body().path("detail").asText("This could not be done"));
        }
        var page = page("", "", 0, problems, null, HttpStatus.BAD_REQUEST);
        page.addObject("failed", done);
        page.addObject("typedCaseId", caseId);
        return page;
    }

    private ModelAndView page(String caseId, String staff, int page, Map<String, String> problems, String done,
            HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("log", accessLog.accessLog(blankToNull(caseId), blankToNull(staff), page, LOG_PAGE_SIZE));
        model.put("caseId", caseId);
        model.put("staff", staff);
        model.put("processors", processors.processors().stream()
                .map(p -> Map.of("view", p, "progress", processors.rebuild(p.name()))).toList());
        model.put("problems", problems);
        model.put("done", done);
        model.put("failed", "");
        model.put("typedCaseId", "");
        var view = new ModelAndView("admin/admin", model);
        view.setStatus(status);
        return view;
    }

    private static void require(Map<String, String> problems, String field, String value, String message) {
        if (value.isBlank()) {
            problems.put(field, message);
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }
}
