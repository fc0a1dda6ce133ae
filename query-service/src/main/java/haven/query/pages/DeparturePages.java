package haven.query.pages;

import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.record.OrganisationArchive;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The data protection officer of an organisation leaving the partnership: download its cases, then
 * erase them all (sent to the command-service as the officer). While the organisation is not
 * leaving, the page says how it would.
 */
@Controller
class DeparturePages {

    private final Partnership partnership;
    private final OrganisationArchive archive;
    private final CommandService commands;

    DeparturePages(Partnership partnership, OrganisationArchive archive, CommandService commands) {
        this.partnership = partnership;
        this.archive = archive;
        this.commands = commands;
    }

    @GetMapping("/admin/organisation")
    ModelAndView page() {
        return page(Map.of(), null, HttpStatus.OK);
    }

    @GetMapping("/admin/organisation/archive")
    ResponseEntity<StreamingResponseBody> download() {
        return archive.prepare(Staff.current(partnership).orElseThrow()).download();
    }

    @PostMapping("/admin/organisation/departure")
    ModelAndView erase(@RequestParam MultiValueMap<String, String> form) {
        String confirm = new FormAnswers(form).value("confirm");
        if (confirm == null) {
            return page(
                    Map.of("depart-confirm", "Enter your organisation's id to confirm"), null, HttpStatus.BAD_REQUEST);
        }
        var answer = commands.actAs(HttpMethod.POST, "/api/admin/organisation/departure", Map.of("confirm", confirm));
        if (!answer.succeeded()) {
            return page(
                    Map.of(
                            "depart-confirm",
                            answer.status() == 400
                                    ? "Enter your organisation's id exactly as shown"
                                    : answer.body().path("detail").asText("This could not be done")),
                    null,
                    HttpStatus.BAD_REQUEST);
        }
        return page(
                Map.of(),
                Map.of(
                        "erased",
                        answer.body().path("erased").asLong(),
                        "held",
                        answer.body().path("held").asLong()),
                HttpStatus.OK);
    }

    private ModelAndView page(Map<String, String> problems, Map<String, Long> result, HttpStatus status) {
        var officer = Staff.current(partnership).orElseThrow();
        var model = new HashMap<String, Object>();
        model.put(
                "organisation", partnership.organisation(officer.organisation()).orElseThrow());
        model.put("partnership", partnership.name());
        model.put("problems", problems);
        model.put("result", result);
        var view = new ModelAndView("admin/organisation", model);
        view.setStatus(status);
        return view;
    }
}
