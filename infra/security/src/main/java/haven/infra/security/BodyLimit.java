package haven.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the configured size with 413, before anything reads it: the first
 * filter of all, ahead of sign-in and the idempotency filter (which reads bodies whole). A declared
 * length over the limit is refused unread; a body without one (chunked) is counted as it is read
 * and refused at the first byte over. Tomcat parses forms itself, so its form limit is set to the
 * same size ({@code server.tomcat.max-http-form-post-size}).
 */
public class BodyLimit extends OncePerRequestFilter {

    /**
     * Where files are uploaded (a council's incident log, evidence for a case), which may be larger
     * than any other body: the API's addresses and the pages' that relay to them.
     */
    public static final Pattern UPLOADS =
            Pattern.compile("/api/admin/imports|/admin/history|/api/reporter/attachments|/follow-up/attachments"
                    + "|(/api)?/cases/[A-Za-z0-9-]{1,64}/attachments");

    private final long bodyBytes;
    private final long uploadBytes;
    private final ObjectMapper json;

    public BodyLimit(DataSize max, DataSize maxUpload, ObjectMapper json) {
        this.bodyBytes = max.toBytes();
        this.uploadBytes = maxUpload.toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = UPLOADS.matcher(request.getRequestURI()).matches();
        long maxBytes = upload ? uploadBytes : bodyBytes;
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, maxBytes, upload);
            return;
        }
        var counted = new Counted(request, maxBytes);
        try {
            chain.doFilter(counted, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!counted.exceeded || response.isCommitted()) {
                throw e;
            }
        }
        // whatever a handler made of the cut-off body (usually a 400), the answer is that it was too large
        if (counted.exceeded && !response.isCommitted()) {
            response.reset();
            refuse(response, maxBytes, upload);
        }
    }

    private void refuse(HttpServletResponse response, long maxBytes, boolean upload) throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PAYLOAD_TOO_LARGE, "The request body must be at most " + maxBytes / 1024 + " KB.");
        problem.setType(URI.create("urn:haven:problem:too-large"));
        problem.setTitle("Request too large");
        if (upload) { // the one large part of an upload is its file
            problem.setProperty("errors", List.of(Map.of("field", "file", "reason", "is too large")));
        }
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setHeader("Connection", "close"); // the rest of the body is not read
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request whose body stream fails at the first byte over the limit. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long maxBytes;
        private long read;
        private boolean exceeded;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = counting(super.getInputStream());
            }
            return stream;
        }

        private ServletInputStream counting(ServletInputStream in) {
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                exceeded = true;
                throw new IOException("request body over the limit");
            }
        }
    }
}
