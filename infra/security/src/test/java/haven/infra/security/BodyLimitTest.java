package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class BodyLimitTest {

    final BodyLimit limit = new BodyLimit(DataSize.ofKilobytes(1), DataSize.ofKilobytes(4), new ObjectMapper());

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnreadAndNothingBehindRuns() throws Exception {
        var request = post(new byte[2048]);
        var reached = new AtomicBoolean();
        var response = new MockHttpServletResponse();

        limit.doFilter(request, response, new MockFilterChain(servlet((in, out) -> reached.set(true))));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("urn:haven:problem:too-large");
        assertThat(reached).isFalse();
    }

    @Test
    void aBodyWithoutALengthIsCutOffAtTheLimitWhateverTheHandlerMadeOfIt() throws Exception {
        var request = chunked(new byte[4096]);
        var response = new MockHttpServletResponse();

        limit.doFilter(request, response, new MockFilterChain(servlet((in, out) -> {
            try {
                in.getInputStream().readAllBytes();
            } catch (IOException e) {
                out.setStatus(400); // as a JSON reader turns a failed read into a bad request
                out.getWriter().write("{\"title\": \"Bad request\"}");
            }
        })));

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void aBodyWithinTheLimitReachesTheHandlerWhole() throws Exception {
        var request = chunked(new byte[1024]);
        var response = new MockHttpServletResponse();
        var read = new int[1];

        limit.doFilter(
                request,
                response,
                new MockFilterChain(
                        servlet((in, out) -> read[0] = in.getInputStream().readAllBytes().length)));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(read[0]).isEqualTo(1024);
    }

    @Test
    void anUploadMayBeLargerThanAnyOtherBodyButHasItsOwnLimit() throws Exception {
        var fits = post(new byte[2048]);
        fits.setRequestURI("/api/admin/imports");
        var response = new MockHttpServletResponse();
        limit.doFilter(
                fits,
                response,
                new MockFilterChain(servlet((in, out) -> in.getInputStream().readAllBytes())));
        assertThat(response.getStatus()).isEqualTo(200);

        var tooLarge = post(new byte[8192]);
        tooLarge.setRequestURI("/api/admin/imports");
        response = new MockHttpServletResponse();
        limit.doFilter(
                tooLarge,
                response,
                new MockFilterChain(servlet((in, out) -> in.getInputStream().readAllBytes())));
        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void everyEvidenceUploadAddressHasTheUploadLimitAndItsRefusalNamesTheFile() throws Exception {
        for (String upload : List.of(
                "/api/cases/0b6f9c1e-5d1a-4d6e-9f0a-3c2b1a0d9e8f/attachments",
                "/cases/0b6f9c1e-5d1a-4d6e-9f0a-3c2b1a0d9e8f/attachments",
                "/api/reporter/attachments",
                "/follow-up/attachments")) {
            var fits = post(new byte[2048]);
            fits.setRequestURI(upload);
            var response = new MockHttpServletResponse();
            limit.doFilter(
                    fits,
                    response,
                    new MockFilterChain(servlet((in, out) -> in.getInputStream().readAllBytes())));
            assertThat(response.getStatus()).as(upload).isEqualTo(200);

            var tooLarge = post(new byte[8192]);
            tooLarge.setRequestURI(upload);
            response = new MockHttpServletResponse();
            limit.doFilter(
                    tooLarge,
                    response,
                    new MockFilterChain(servlet((in, out) -> in.getInputStream().readAllBytes())));
            assertThat(response.getStatus()).as(upload).isEqualTo(413);
            assertThat(response.getContentAsString()).contains("\"field\":\"file\"");
        }
        var notAnUpload = post(new byte[2048]);
        notAnUpload.setRequestURI("/api/cases/x/y/attachments");
        var response = new MockHttpServletResponse();
        limit.doFilter(
                notAnUpload,
                response,
                new MockFilterChain(servlet((in, out) -> in.getInputStream().readAllBytes())));
        assertThat(response.getStatus()).isEqualTo(413);
    }

    private static MockHttpServletRequest post(byte[] body) {
        var request = new MockHttpServletRequest("POST", "/api/reports");
        request.setContent(body);
        return request;
    }

    /** As a chunked request arrives: its length unknown until read. */
    private static MockHttpServletRequest chunked(byte[] body) {
        var request = new MockHttpServletRequest("POST", "/api/reports") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body);
        return request;
    }

    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private static HttpServlet servlet(Handler handler) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                handler.handle(request, response);
            }
        };
    }
}
