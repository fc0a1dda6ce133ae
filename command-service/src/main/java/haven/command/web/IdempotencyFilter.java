package haven.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import haven.command.requests.InvalidField;
import haven.infra.eventstore.StoreOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes any POST safe to resend: with an {@code Idempotency-Key} header, a repeat of the same
 * request returns the first successful response instead of running the command again. Failed
 * attempts are forgotten so that they can be retried.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.length() < 16 || key.length() > 200) {
            write(
                    response,
                    ProblemResponses.invalid(
                            List.of(new InvalidField(HEADER, "must be 16 to 200 characters; a random UUID is ideal"))));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(key, fingerprint(request, body));
        } catch (RuntimeException e) {
            if (StoreOutage.causeOf(e) == null) {
                throw e;
            }
            var away = ProblemResponses.storeAway(e);
            away.getHeaders().forEach((name, values) -> response.setHeader(name, values.get(0)));
            write(response, away.getBody());
            return;
        }
        if (claim instanceof IdempotencyStore.Fresh) {
            runOnce(key, new CachedBody(request, body), response, chain);
        } else if (claim instanceof IdempotencyStore.Replay replay) {
            response.setStatus(replay.status());
            response.setHeader("Idempotent-Replayed", "true");
            if (replay.contentType() != null) {
                response.setContentType(replay.contentType());
            }
            response.getOutputStream().write(replay.body());
        } else if (claim instanceof IdempotencyStore.Mismatch) {
            write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            "idempotency-key-reused",
                            "Idempotency-Key already used",
                            "This Idempotency-Key was used for a different request. Use a new key for a new request."));
        } else {
            write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.CONFLICT,
                            "idempotency-key-in-progress",
                            "The first attempt is still running",
                            "A request with this Idempotency-Key is still being processed. Try again in a moment."));
        }
    }

    private void runOnce(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        boolean succeeded = false;
        try {
            chain.doFilter(request, recorded);
            succeeded = recorded.getStatus() < 300;
            if (succeeded) {
                store.complete(key, recorded.getStatus(), recorded.getContentType(), recorded.getContentAsByteArray());
            }
        } finally {
            if (!succeeded) {
                releaseIfTheStoreIsThere(key);
            }
            recorded.copyBodyToResponse();
        }
    }

    /** Failing to release while the store is away leaves the claim to lapse after {@link IdempotencyStore#ABANDONED_AFTER}. */
    private void releaseIfTheStoreIsThere(String key) {
        try {
            store.release(key);
        } catch (RuntimeException e) {
            if (StoreOutage.causeOf(e) == null) {
                throw e;
            }
        }
    }

    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with its body already read, so it can be fingerprinted and still be handled. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }
    }
}
