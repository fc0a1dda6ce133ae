package haven.query.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The data protection officer imports a council's earlier incident log: uploads the CSV file,
 * checks it (every problem by row and column, nothing written), imports it, and follows its
 * progress. The command-service reads and imports the file as them.
 */
@Controller
class HistoryPages {

    /** A row of the problems table: where, and what is wrong; never a value from the file. */
    record Problem(String row, String column, String problem) {}

    private static final Pattern IMPORT_ID = Pattern.compile("[0-9a-f]{32}");

    private final CommandService commands;

    HistoryPages(CommandService commands) {
        this.commands = commands;
    }

    @GetMapping("/admin/history")
    ModelAndView form() {
        return page(Map.of(), null, null, HttpStatus.OK);
    }

    @PostMapping("/admin/history")
    ModelAndView upload(
            @RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "check") String action)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return page(Map.of("file", "Choose the CSV file of past incidents"), null, null, HttpStatus.BAD_REQUEST);
        }
        boolean check = !"import".equals(action);
        var answer = commands.actAs(HttpMethod.POST, "/api/admin/imports?dryRun={dryRun}", file.getBytes(), check);
        if (answer.status() == HttpStatus.ACCEPTED.value()) {
            return new ModelAndView("redirect:/admin/history/"
                    + requireId(answer.body().path("id").asText()));
        }
        if (answer.status() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return page(
                    Map.of("file", "The file is too large: import at most 10 MB at a time"),
                    null,
                    null,
                    HttpStatus.PAYLOAD_TOO_LARGE);
        }
        if (check && answer.succeeded()) {
            var problems = problems(answer.body().path("problems"));
            return page(
                    problems.isEmpty()
                            ? Map.of()
                            : Map.of("file", "The file has " + problems.size() + " problem(s); nothing was imported"),
                    problems,
                    answer.body().path("rows").asInt(),
                    HttpStatus.OK);
        }
        if (answer.status() == HttpStatus.UNPROCESSABLE_ENTITY.value()) {
            var problems = problems(answer.body().path("problems"));
            return page(
                    Map.of("file", "The file has " + problems.size() + " problem(s); nothing was imported"),
                    problems,
                    null,
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        throw new IllegalStateException("The history file could not be sent (" + answer.status() + ")");
    }

    @GetMapping("/admin/history/{id}")
    ModelAndView progress(@PathVariable String id) {
        var answer = commands.actAs(HttpMethod.GET, "/api/admin/imports/{id}", null, requireId(id));
        if (!answer.succeeded()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var model = new HashMap<String, Object>();
        model.put("progress", answer.body());
        return new ModelAndView("admin/history-progress", model);
    }

    private static String requireId(String id) {
        if (!IMPORT_ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    private static List<Problem> problems(JsonNode reported) {
        var problems = new ArrayList<Problem>();
        reported.forEach(p -> problems.add(new Problem(
                p.path("row").asInt() == 0
                        ? "The file"
                        : String.valueOf(p.path("row").asInt()),
                p.path("field").asText(),
                p.path("problem").asText())));
        return problems;
    }

    private static ModelAndView page(
            Map<String, String> errors, List<Problem> problems, Integer cleanRows, HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("problems", errors);
        model.put("fileProblems", problems == null ? List.of() : problems);
        model.put("cleanRows", problems != null && problems.isEmpty() ? cleanRows : null);
        var view = new ModelAndView("admin/history", model);
        view.setStatus(status);
        return view;
    }
}
