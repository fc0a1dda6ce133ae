package haven.query.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.multipart.MultipartFile;

/**
 * The command-service's REST API, used by the pages on behalf of the person at the browser. For a
 * reporter, the browser's address goes along as {@code X-Forwarded-For}, which the command-service
 * believes only from its trusted proxies, so that its throttles still count per reporter.
 * For a member of staff, their own access token goes along, so the command-service applies its
 * rules to them exactly as if they had called it themselves.
 */
@Component
class CommandService {

    /**
     * The status and JSON body of an answer; for a 400, {@link #fieldErrors()} says which fields were
     * refused; for a 429 or 503, {@code retryAfter} says in how many seconds to try again.
     */
    record Answer(int status, JsonNode body, String retryAfter) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        Map<String, String> fieldErrors() {
            var errors = new LinkedHashMap<String, String>();
            body.path("errors")
                    .forEach(e -> errors.putIfAbsent(
                            e.path("field").asText(), e.path("reason").asText()));
            return errors;
        }
    }

    /** A file sent as it was uploaded (a council's incident log). */
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final RestClient http;
    private final ObjectMapper json;
    private final OAuth2AuthorizedClientManager staffTokens;

    CommandService(
            @Value("${haven.command-service.url}") String url,
            RestClient.Builder builder,
            ObjectMapper json,
            OAuth2AuthorizedClientManager staffTokens) {
        this.http = builder.baseUrl(url).build();
        this.json = json;
        this.staffTokens = staffTokens;
    }

    /** For an anonymous reporter. */
    Answer post(String path, Object body, String browserAddress) {
        return http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", browserAddress)
                .body(body)
                .exchange((request, response) -> answer(response));
    }

    /** For an anonymous reporter: a file, with the form's other fields (their reference and receipt). */
    Answer postFile(String path, Map<String, String> fields, MultipartFile file, String browserAddress) {
        return http.post()
                .uri(path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .header("X-Forwarded-For", browserAddress)
                .body(multipart(fields, file))
                .exchange((request, response) -> answer(response));
    }

    /**
     * For the signed-in member of staff, with their access token (refreshed if it has expired; if
     * it cannot be, Spring Security sends them to sign in again). A {@code byte[]} body is sent as a
     * CSV file, a {@link MultipartFile} as a multipart upload (part {@code file}), anything else as JSON.
     */
    Answer actAs(HttpMethod method, String pathTemplate, Object body, Object... pathVariables) {
        var signedIn = SecurityContextHolder.getContext().getAuthentication();
        var client = staffTokens.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(StaffSignIn.REGISTRATION)
                .principal(signedIn)
                .build());
        if (client == null) {
            throw new ClientAuthorizationRequiredException(StaffSignIn.REGISTRATION);
        }
        // what people typed goes in as encoded path variables, so it can never point the request elsewhere
        var request = http.method(method)
                .uri(pathTemplate, pathVariables)
                .headers(h -> h.setBearerAuth(client.getAccessToken().getTokenValue()));
        if (body instanceof byte[] file) {
            request.contentType(TEXT_CSV).body(file);
        } else if (body instanceof MultipartFile file) {
            request.contentType(MediaType.MULTIPART_FORM_DATA).body(multipart(Map.of(), file));
        } else if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((sent, response) -> answer(response));
    }

    /**
     * The file passed on as it came, under the name it was given less any control characters (the
     * command-service decides whether the name and the content are acceptable).
     */
    private static MultiValueMap<String, HttpEntity<?>> multipart(Map<String, String> fields, MultipartFile file) {
        var parts = new MultipartBodyBuilder();
        fields.forEach(parts::part);
        String name = file.getOriginalFilename() == null
                ? ""
                : file.getOriginalFilename().replaceAll("\\p{Cntrl}", "");
        try {
            parts.part("file", new ByteArrayResource(file.getBytes()))
                    .filename(name.isBlank() ? "file" : name)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts.build();
    }

    private Answer answer(ClientHttpResponse response) throws IOException {
        return new Answer(
                response.getStatusCode().value(),
                read(response.getBody().readAllBytes()),
                response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    }

    private JsonNode read(byte[] body) throws IOException {
        return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }
}
