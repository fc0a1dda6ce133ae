package haven.query.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The command-service's REST API, used by the pages on behalf of the person at the browser. The
 * browser's address goes along as {@code X-Forwarded-For}, which the command-service believes only
 * from an internal address, so that receipt throttling still counts per reporter.
 */
@Component
class CommandService {

    /** The status and JSON body of an answer; for a 400, {@link #fieldErrors()} says which fields were refused. */
    record Answer(int status, JsonNode body) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        Map<String, String> fieldErrors() {
            var errors = new LinkedHashMap<String, String>();
            body.path("errors").forEach(e -> errors.putIfAbsent(e.path("field").asText(), e.path("reason").asText()));
            return errors;
        }
    }

    private final RestClient http;
    private final ObjectMapper json;

    CommandService(@Value("${haven.command-service.url}") String url, RestClient.Builder builder, ObjectMapper json) {
        this.http = builder.baseUrl(url).build();
        this.json = json;
    }

    Answer post(String path, Object body, String browserAddress) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", browserAddress)
                .body(body)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        read(response.getBody().readAllBytes())));
    }

    private JsonNode read(byte[] body) throws IOException {
        return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }
}
