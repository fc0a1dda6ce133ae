package haven.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes each report's case a while after it was made, through the command-service's API as a case
 * manager would (triage, resolution, closure), so that in a soak the open caseload stays the size of
 * a council's while the history behind it grows. A soak that closed nothing measured a caseload
 * growing by 3,000 cases a minute, not history.
 */
final class Closer implements AutoCloseable {

    private static final String TRIAGE = """
            {"category": "VERBAL_ABUSE", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}""";
    private static final String RESOLUTION = """
            {"outcome": "RESOLVED_INFORMALLY", "summary": "Resolved informally (benchmark)"}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService closers = Executors.newScheduledThreadPool(4);
    private final String commandUrl;
    private final String manager;
    private final Duration openFor;
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** {@code manager}: a bearer token of a case manager of the intake team. */
    Closer(String commandUrl, String manager, Duration openFor) {
        this.commandUrl = commandUrl;
        this.manager = manager;
        this.openFor = openFor;
    }

    void closeLater(String caseId) {
        closers.schedule(() -> close(caseId), openFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    long closed() {
        return closed.get();
    }

    /** Cases a step of which was not accepted; each is left open. */
    long refused() {
        return refused.get();
    }

    private void close(String caseId) {
        String c = commandUrl + "/api/cases/" + caseId;
        try {
            if (post(c + "/triage", TRIAGE) && post(c + "/resolution", RESOLUTION) && post(c + "/closure", "{}")) {
                closed.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        } catch (Exception e) {
            refused.incrementAndGet();
        }
    }

    private boolean post(String url, String body) throws Exception {
        int status = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", manager)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        return status / 100 == 2;
    }

    @Override
    public void close() {
        closers.shutdownNow();
    }
}
