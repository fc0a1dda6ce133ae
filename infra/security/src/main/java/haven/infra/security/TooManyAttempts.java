package haven.infra.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many attempts lately (wrong receipts, reports from one place): 429 with {@code Retry-After}. */
public class TooManyAttempts extends ErrorResponseException {

    /** Wrong receipts: the same for every reference, so the refusal tells a guesser nothing. */
    TooManyAttempts(Duration retryAfter) {
        this(
                retryAfter,
                "too-many-attempts",
                "Too many attempts",
                "Too many attempts with a wrong reference or receipt. Try again in");
    }

    /** @param detail the problem's detail up to the wait, which follows it in words ("… in 15 minutes.") */
    public TooManyAttempts(Duration retryAfter, String type, String title, String detail) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                problem(type, title, detail + " " + inWords(retryAfter.toSeconds()) + "."),
                null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }

    /** A wait as people read it, rounded up to whole minutes: "a minute", "15 minutes". */
    public static String inWords(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }

    private static ProblemDetail problem(String type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:haven:problem:" + type));
        return problem;
    }
}
