package haven.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** Files the browser saves rather than shows; names are fixed here, never taken from a request. */
public final class Attachments {

    private Attachments() {}

    public static ResponseEntity<String> trendsCsv(String csv) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"haven-trends.csv\"")
                .body(csv);
    }
}
