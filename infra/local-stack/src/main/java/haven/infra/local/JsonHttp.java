package haven.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A small JSON-over-HTTP client for the demo seed and the cross-process tests. */
public final class JsonHttp {

    /** A JSON body as JSON, any other body as one text node. */
    public record Response(int status, JsonNode body, HttpHeaders headers) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String authorization;

    private JsonHttp(String authorization) {
        this.authorization = authorization;
    }

    /** A reporter: no sign-in. */
    public static JsonHttp anonymous() {
        return new JsonHttp(null);
    }

    /**
     * A demo member of staff signed in at the development identity provider (client-credentials
     * grant, demo password); every request carries their token.
     */
    public static JsonHttp signedIn(String identityUrl, String staffId) {
        String basic = Base64.getEncoder().encodeToString((staffId + ":demo").getBytes(StandardCharsets.UTF_8));
        var tokenRequest = HttpRequest.newBuilder(URI.create(identityUrl + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        var response = anonymous().send(tokenRequest);
        if (response.status() != 200) {
            throw new IllegalStateException("no token for " + staffId + ": " + response.status());
        }
        return new JsonHttp("Bearer " + response.body().path("access_token").asText());
    }

    public Response post(String url, Object body) {
        try {
            return send(request(url).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV file as the body (a council's incident log for import). */
    public Response postCsv(String url, byte[] file) {
        return send(
                request(url).setHeader("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    /** A file as a multipart upload (part {@code file}), with the form's other fields. */
    public Response postFile(String url, Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "haven-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(request(url)
                .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The body as bytes, whatever its type (an evidence file), with the status and headers. */
    public HttpResponse<byte[]> bytes(String url) {
        try {
            return http.send(
                    request(url).setHeader("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String url) {
        return send(request(url).GET());
    }

    /** The body as text, whatever its type (a CSV export, say). */
    public String text(String url) {
        try {
            return http.send(
                            request(url).setHeader("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String url) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .setHeader("Accept", "application/json");
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            boolean json =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body =
                    text.isBlank() ? MissingNode.getInstance() : json ? JSON.readTree(text) : TextNode.valueOf(text);
            return new Response(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
