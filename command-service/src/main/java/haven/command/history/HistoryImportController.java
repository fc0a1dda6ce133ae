package haven.command.history;

import haven.command.cases.RuleViolation;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The data protection officer imports a council's earlier incident log (a CSV file, the body).
 * {@code dryRun=true} only checks it; otherwise a file with any problem is refused with every
 * problem listed (422) and nothing written, and a clean one is imported in the background (202,
 * with where to follow its progress).
 */
@RestController
@RequestMapping("/api/admin/imports")
class HistoryImportController {

    record CheckReport(int rows, boolean valid, List<HistoryFile.Problem> problems) {}

    private static final Pattern IMPORT_ID = Pattern.compile("[0-9a-f]{32}");

    private final HistoryImports imports;
    private final Areas areas;
    private final Partnership partnership;
    private final Clock clock;

    HistoryImportController(HistoryImports imports, Areas areas, Partnership partnership, Clock clock) {
        this.imports = imports;
        this.partnership = partnership;
        this.areas = areas;
        this.clock = clock;
    }

    @PostMapping(consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<?> importFile(
            @RequestBody byte[] file, @RequestParam(defaultValue = "false") boolean dryRun, Staff staff) {
        if (staff.organisation() == null) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "Your sign-in names no organisation to import for.");
        }
        if (partnership.organisation(staff.organisation()).orElseThrow().leaving()) {
            throw new RuleViolation("Your organisation is leaving the partnership; it imports no history");
        }
        // the founder's incidents keep the case ids they had before partnerships; another's are its own
        String namespace = staff.organisation().equals(partnership.founder().id()) ? null : staff.organisation();
        var parsed = HistoryFile.parse(file, areas, LocalDate.now(clock), namespace, staff.organisation());
        if (dryRun) {
            return ResponseEntity.ok(new CheckReport(parsed.rows().size(), parsed.valid(), parsed.problems()));
        }
        if (!parsed.valid()) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    parsed.problems().size()
                            + " problem(s) in the file; nothing was imported. Correct them and import the file again.");
            problem.setType(URI.create("urn:haven:problem:invalid-history-file"));
            problem.setTitle("The file cannot be imported");
            problem.setProperty("problems", parsed.problems());
            return ResponseEntity.unprocessableEntity()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        String id = fingerprint(namespace, file);
        var progress = imports.start(id, parsed.rows(), staff.id(), staff.organisation());
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/imports/" + id))
                .body(progress);
    }

    @GetMapping("/{id}")
    HistoryImports.Progress progress(@PathVariable String id, Staff staff) {
        var progress = IMPORT_ID.matcher(id).matches() ? imports.progress(id, staff.organisation()) : null;
        if (progress == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return progress;
    }

    /** The same file imported again by the same organisation is the same import. */
    private static String fingerprint(String namespace, byte[] file) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            if (namespace != null) {
                digest.update((namespace + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(file), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
