package haven.infra.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many wrong receipts lately: 429 with {@code Retry-After}, the same for every reference. */
public class TooManyAttempts extends ErrorResponseException {

    TooManyAttempts(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfter), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    }

    private static ProblemDetail problem(Duration retryAfter) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many attempts with a wrong reference or receipt. Try again in " + retryAfter.toMinutes()
                        + " minutes.");
        problem.setTitle("Too many attempts");
        problem.setType(URI.create("urn:haven:problem:too-many-attempts"));
        return problem;
    }
}
