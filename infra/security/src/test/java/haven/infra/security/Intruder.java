package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * An intruder's test suite, generated from a service's handler mappings: every endpoint and page
 * form, every path variable, query parameter, JSON field and form field, each given hostile values
 * in turn (template expressions, markup, oversized text, control characters, wrong JSON types, Mongo
 * operators, path traversal, spreadsheet formulas) while the rest of the request stays valid.
 *
 * <p>Every answer must be below 500, carry no stack trace, no configuration secret and no evaluated
 * expression; a refused API request must not echo the value it refused, and must leave the stored
 * state as it was. A new endpoint that takes input fails the suite until the test gives it a valid
 * example, and a JSON example must hold every field of the endpoint's body type, so nothing a
 * request can carry escapes the attack.
 */
public final class Intruder {

    /** What a hostile value is called in a failure (never the value itself: some are 100,000 characters). */
    record Payload(String name, String text, JsonNode json) {

        boolean evaluates() {
            return text != null && text.contains("7*7");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVIRONMENT_PROBE = "${@environment.getProperty('%s')}";

    /** Hostile text, for every kind of field. */
    static final List<Payload> TEXT = List.of(
            text("variable expression", "${7*7}"),
            text("selection expression", "*{7*7}"),
            text("message expression", "#{7*7}"),
            text("preprocessing", "__${7*7}__"),
            text("inlined expression", "[[${7*7}]]"),
            text("unescaped inline", "[(${7*7})]"),
            text("link expression", "@{x}"),
            text("expression breaking out of a message key", "x} + ${7*7} + #{x"),
            text("fragment expression", "~{::${7*7}}"),
            text("bean call", "${@environment.getProperty('haven.privacy.master-key')}"),
            text("script", "<script>alert('intruder')</script>"),
            text("attribute break-out", "\"><img src=x onerror=alert('intruder')>"),
            text("oversized text", "A".repeat(100_000)),
            text("control characters", "line\r\nSet-Cookie: intruder=1\u0000\u0007\u001b[31m\u202e"),
            text("Mongo operator as text", "{\"$ne\": null}"),
            text("Mongo where clause", "'; return true; var x='"),
            text("path traversal", "../../../../etc/passwd"),
            text("encoded path traversal", "..%2f..%2f..%2fetc%2fpasswd"),
            text("spreadsheet hyperlink", "=HYPERLINK(\"https://intruder.example/\",\"open\")"),
            text("spreadsheet command", "+cmd|' /C calc'!A0"),
            text("spreadsheet at-formula", "@SUM(1+1)*cmd|' /C calc'!A0"),
            text("spreadsheet minus-formula", "-2+3+cmd|' /C calc'!A0"));

    /** Values of the wrong JSON type, or objects a careless query would take as operators. */
    static final List<Payload> JSON_ONLY = List.of(
            json("number", "49"),
            json("huge number", "1e400"),
            json("long overflow", "9223372036854775808"),
            json("boolean", "true"),
            json("array", "[\"x\", 1]"),
            json("object", "{\"a\": 1}"),
            json("Mongo operator", "{\"$ne\": null}"),
            json("Mongo range", "{\"$gt\": \"\"}"),
            json("Mongo where", "{\"$where\": \"sleep(1000)\"}"),
            json("null", "null"));

    private static final Pattern EVALUATED = Pattern.compile("(?<![\\w.\\-/])49(?![\\w.\\-])");
    /**
     * Where a 49 is no sign of evaluation: ids, clock times and instants (an access log read at 20:49),
     * and JSON numbers (entry 49 of a log); an evaluated value would be text where the value was put.
     */
    private static final Pattern NOISE = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                    + "|\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z?|\\b\\d{1,2}:\\d{2}(:\\d{2})?(\\.\\d+)?|\"[\\w$]+\"\\s*:\\s*-?\\d+(\\.\\d+)?");

    private static final List<String> STACK_TRACE = List.of(
            "\tat ",
            "at haven.",
            "at org.springframework",
            "at java.",
            "Caused by",
            "Exception:",
            "Whitelabel",
            "SpelEvaluationException",
            "TemplateProcessingException");

    /**
     * A valid request to an endpoint, which the intruder spoils one value at a time.
     *
     * @param endpoint  as the handler mappings write it: {@code "POST /api/cases/{caseId}/notes"}
     * @param path      a valid value for each path variable
     * @param query     valid query parameters
     * @param json      a valid JSON body, or null
     * @param form      a valid form body, or null
     * @param csv       a valid CSV file as the body (a header and a row), or null
     * @param upload    a file uploaded from a form (its field, name and content), sent with {@code form}, or null
     */
    public record Example(
            String endpoint,
            Map<String, String> path,
            Map<String, String> query,
            String json,
            Map<String, List<String>> form,
            String csv,
            Upload upload,
            RequestPostProcessor caller) {

        public Example(
                String endpoint,
                Map<String, String> path,
                Map<String, String> query,
                String json,
                Map<String, List<String>> form,
                String csv,
                RequestPostProcessor caller) {
            this(endpoint, path, query, json, form, csv, null, caller);
        }

        public static Example of(String endpoint, RequestPostProcessor caller) {
            return new Example(endpoint, Map.of(), Map.of(), null, null, null, caller);
        }

        /** A page form that uploads a CSV file: the file's field and content (the form's other fields from {@link #form}). */
        public Example upload(String field, String content) {
            return upload(field, "history.csv", content);
        }

        /** A form that uploads a file: its field, name and content (the form's other fields from {@link #form}). */
        public Example upload(String field, String fileName, String content) {
            return new Example(endpoint, path, query, json, form, csv, new Upload(field, fileName, content), caller);
        }

        public Example path(String variable, String value) {
            var path = new LinkedHashMap<>(this.path);
            path.put(variable, value);
            return new Example(endpoint, path, query, json, form, csv, upload, caller);
        }

        public Example query(String parameter, String value) {
            var query = new LinkedHashMap<>(this.query);
            query.put(parameter, value);
            return new Example(endpoint, path, query, json, form, csv, upload, caller);
        }

        public Example json(String body) {
            return new Example(endpoint, path, query, body, form, csv, upload, caller);
        }

        /** A form: field, value, field, value, ... (a field may repeat, as checkboxes do). */
        public Example form(Map<String, String> fields) {
            var form = new LinkedHashMap<String, List<String>>();
            fields.forEach((field, value) -> form.put(field, List.of(value)));
            return new Example(endpoint, path, query, json, form, csv, upload, caller);
        }

        /** A CSV file sent as the body: its header line, then one row. */
        public Example csv(String file) {
            return new Example(endpoint, path, query, json, form, file, upload, caller);
        }

        /** A file sent in a multipart form. */
        public record Upload(String field, String fileName, String content) {}

        String method() {
            return endpoint.split(" ", 2)[0];
        }

        String template() {
            return endpoint.split(" ", 2)[1];
        }
    }

    /**
     * What the service under attack offers the intruder.
     *
     * @param secrets     configuration values no answer may contain (keys, URIs with credentials)
     * @param storedState a reading of everything a request can store; a refused request must leave it unchanged
     */
    public record Target(
            MockMvc http,
            RequestMappingHandlerMapping mappings,
            List<Example> examples,
            List<String> secrets,
            Supplier<Object> storedState) {}

    private Intruder() {}

    /** One test per endpoint: every hostile value in every place it takes one. */
    public static Stream<DynamicTest> attack(Target target) {
        var handlers = handlers(target.mappings());
        checkExamplesCoverEveryInput(handlers, target.examples());
        return target.examples().stream()
                .map(example -> DynamicTest.dynamicTest(example.endpoint(), () -> {
                    var failures = new ArrayList<String>();
                    for (var attack : attacks(example, handlers.get(example.endpoint()))) {
                        failures.addAll(send(target, example, attack));
                    }
                    assertThat(failures).as(example.endpoint()).isEmpty();
                }));
    }

    /** Every endpoint that takes input (a path variable, a parameter or a body) has an example; a JSON example has every field. */
    private static void checkExamplesCoverEveryInput(Map<String, HandlerMethod> handlers, List<Example> examples) {
        var examined = new TreeSet<String>();
        examples.forEach(example -> examined.add(example.endpoint()));
        var needing = new TreeSet<String>();
        handlers.forEach((endpoint, handler) -> {
            if (takesInput(endpoint, handler)) {
                needing.add(endpoint);
            }
        });
        assertThat(examined)
                .as("every endpoint that takes input has an example for the intruder")
                .containsAll(needing);
        assertThat(handlers.keySet()).as("examples name mapped endpoints").containsAll(examined);
        for (var example : examples) {
            var bodyType = bodyType(handlers.get(example.endpoint()));
            if (bodyType != null && bodyType.isRecord()) {
                assertThat(example.json())
                        .as("%s has a JSON example", example.endpoint())
                        .isNotNull();
                var present = leaves(read(example.json()), "");
                assertThat(present.keySet())
                        .as("%s's example holds every field of its body", example.endpoint())
                        .containsAll(fields(bodyType, ""));
            }
        }
    }

    private static boolean takesInput(String endpoint, HandlerMethod handler) {
        return endpoint.contains("{")
                || Arrays.stream(handler.getMethodParameters())
                        .anyMatch(p -> p.hasParameterAnnotation(RequestParam.class)
                                || p.hasParameterAnnotation(RequestBody.class));
    }

    /** One spoiled request: where the hostile value went, and the request itself. */
    private record Attack(String place, Payload payload, MockHttpServletRequestBuilder request) {}

    private static List<Attack> attacks(Example example, HandlerMethod handler) {
        var attacks = new ArrayList<Attack>();
        for (String variable : example.path().keySet()) {
            for (Payload payload : TEXT) {
                var path = new LinkedHashMap<>(example.path());
                path.put(variable, payload.text());
                attacks.add(new Attack(
                        "path " + variable,
                        payload,
                        build(example, path, example.query(), example.json(), example.form())));
            }
        }
        var parameters = new TreeSet<>(example.query().keySet());
        parameters.addAll(requestParameters(handler));
        parameters.add("intruder");
        for (String parameter : parameters) {
            for (Payload payload : TEXT) {
                var query = new LinkedHashMap<>(example.query());
                query.put(parameter, payload.text());
                attacks.add(new Attack(
                        "parameter " + parameter,
                        payload,
                        build(example, example.path(), query, example.json(), example.form())));
            }
        }
        if (example.json() != null) {
            attacks.addAll(jsonAttacks(example));
        }
        if (example.form() != null) {
            attacks.addAll(formAttacks(example));
        }
        if (example.csv() != null) {
            attacks.addAll(csvAttacks(example));
        }
        if (example.upload() != null) {
            for (Payload payload : TEXT) {
                attacks.add(new Attack(
                        "uploaded file's content",
                        payload,
                        uploadRequest(
                                example,
                                example.form(),
                                payload.text(),
                                example.upload().fileName())));
                attacks.add(new Attack(
                        "uploaded file's name",
                        payload,
                        uploadRequest(example, example.form(), example.upload().content(), payload.text())));
            }
        }
        return attacks;
    }

    private static MockHttpServletRequestBuilder uploadRequest(
            Example example, Map<String, List<String>> form, String content, String fileName) {
        Object[] variables = variablesOf(example.template()).stream()
                .map(v -> example.path().getOrDefault(v, "x"))
                .toArray();
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        example.template(), variables)
                .file(new org.springframework.mock.web.MockMultipartFile(
                        example.upload().field(),
                        fileName,
                        "text/csv",
                        content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        example.query().forEach(request::queryParam);
        if (form != null) {
            form.forEach((field, values) -> request.param(field, values.toArray(String[]::new)));
        }
        return request.with(example.caller());
    }

    /** Every column of the file's row in turn, then whole files that are not what they claim. */
    private static List<Attack> csvAttacks(Example example) {
        var attacks = new ArrayList<Attack>();
        var lines = example.csv().lines().toList();
        var columns = lines.get(0).split(",", -1);
        var row = lines.get(1).split(",", -1);
        for (int c = 0; c < columns.length; c++) {
            for (Payload payload : TEXT) {
                var cells = row.clone();
                cells[c] = "\"" + payload.text().replace("\"", "\"\"") + "\"";
                attacks.add(new Attack(
                        "column " + columns[c],
                        payload,
                        csvRequest(example, lines.get(0) + "\r\n" + String.join(",", cells) + "\r\n")));
            }
        }
        var wholes = Map.of(
                "spreadsheet",
                "PK\u0003\u0004 not a CSV file",
                "unclosed quote",
                lines.get(0) + "\r\n\"x,y\r\n",
                "header only",
                lines.get(0),
                "empty",
                "",
                "expression header",
                "${7*7},__${7*7}__\r\n1,2\r\n");
        wholes.forEach((name, body) ->
                attacks.add(new Attack("whole file", text("file " + name, body), csvRequest(example, body))));
        return attacks;
    }

    private static MockHttpServletRequestBuilder csvRequest(Example example, String body) {
        Object[] variables = variablesOf(example.template()).stream()
                .map(v -> example.path().getOrDefault(v, "x"))
                .toArray();
        var request = request(HttpMethod.valueOf(example.method()), example.template(), variables);
        example.query().forEach(request::queryParam);
        return request.contentType("text/csv")
                .content(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .with(example.caller());
    }

    private static List<Attack> jsonAttacks(Example example) {
        var attacks = new ArrayList<Attack>();
        var places = new ArrayList<>(leaves(read(example.json()), "").keySet());
        places.add("intruder");
        places.add("$where");
        for (String place : places) {
            for (Payload payload :
                    Stream.concat(TEXT.stream(), JSON_ONLY.stream()).toList()) {
                var body = (ObjectNode) read(example.json());
                put(body, place, payload.json());
                attacks.add(new Attack(
                        "field " + place,
                        payload,
                        build(example, example.path(), example.query(), body.toString(), null)));
            }
        }
        for (String whole : List.of("[]", "\"x\"", "{\"$ne\": null}", "{", "49", "null")) {
            attacks.add(new Attack(
                    "whole body",
                    json("body " + whole, whole),
                    build(example, example.path(), example.query(), whole, null)));
        }
        return attacks;
    }

    private static List<Attack> formAttacks(Example example) {
        var attacks = new ArrayList<Attack>();
        var places = new ArrayList<>(example.form().keySet());
        places.addAll(List.of("intruder", "__${7*7}__", "_goto"));
        for (String place : places) {
            for (Payload payload : TEXT) {
                var form = new LinkedHashMap<>(example.form());
                form.put(place, List.of(payload.text()));
                attacks.add(new Attack(
                        "form field " + place, payload, build(example, example.path(), example.query(), null, form)));
            }
        }
        for (String field : example.form().keySet()) { // a field sent twice, and as an operator-looking name
            var form = new LinkedHashMap<>(example.form());
            form.put(field, List.of(example.form().get(field).get(0), "${7*7}"));
            form.put(field + "[$ne]", List.of("x"));
            attacks.add(new Attack(
                    "form field " + field + " twice",
                    TEXT.get(0),
                    build(example, example.path(), example.query(), null, form)));
        }
        return attacks;
    }

    private static MockHttpServletRequestBuilder build(
            Example example,
            Map<String, String> path,
            Map<String, String> query,
            String json,
            Map<String, List<String>> form) {
        if (example.upload() != null && path.equals(example.path()) && query.equals(example.query())) {
            return uploadRequest(
                    example, form, example.upload().content(), example.upload().fileName());
        }
        Object[] variables = variablesOf(example.template()).stream()
                .map(v -> path.getOrDefault(v, "x"))
                .toArray();
        var request = request(HttpMethod.valueOf(example.method()), example.template(), variables);
        query.forEach(request::queryParam);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        if (json == null && form == null && example.csv() != null) {
            request.contentType("text/csv").content(example.csv());
        }
        if (form != null) {
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
            form.forEach((field, values) -> request.param(field, values.toArray(String[]::new)));
        }
        return request.with(example.caller());
    }

    private static List<String> send(Target target, Example example, Attack attack) {
        String where = attack.place() + " = " + attack.payload().name() + ": ";
        Object before = target.storedState().get();
        MockHttpServletResponse response;
        try {
            response = target.http().perform(attack.request()).andReturn().getResponse();
        } catch (Exception e) {
            return List.of(where + "failed inside the service (" + e.getClass().getSimpleName() + ")");
        }
        var failures = new ArrayList<String>();
        String body;
        try {
            body = response.getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        if (response.getStatus() >= 500) {
            failures.add(where + "answered " + response.getStatus());
        }
        // a PDF's compressed bytes are not text (and are made from escaped HTML, checked as a page is)
        if (attack.payload().evaluates()
                && !isPdf(response)
                && EVALUATED.matcher(NOISE.matcher(body).replaceAll("")).find()) {
            failures.add(where + "the answer holds 49: the value was evaluated");
        }
        STACK_TRACE.stream()
                .filter(body::contains)
                .findFirst()
                .ifPresent(trace -> failures.add(where + "the answer shows a stack trace (" + trace.trim() + ")"));
        target.secrets().stream()
                .filter(secret -> !secret.isBlank() && body.contains(secret))
                .findFirst()
                .ifPresent(secret -> failures.add(where + "the answer holds a configuration secret"));
        String text = attack.payload().text();
        if (text != null && text.length() > 6 && isHtml(response) && text.contains("<") && body.contains(text)) {
            failures.add(where + "the page holds the value unescaped");
        }
        if (text != null
                && text.length() > 6
                && response.getStatus() >= 400
                && isJson(response)
                && body.contains(text)) {
            failures.add(where + "the refusal echoes the value");
        }
        Object after = target.storedState().get();
        if (response.getStatus() >= 400 && !before.equals(after)) {
            failures.add(where + "refused with " + response.getStatus() + " but something was stored (" + before
                    + " -> " + after + ")");
        }
        if (isCsv(response)
                && Pattern.compile("(^|[,\\n])\"?[=+\\-@]").matcher(body).find()) {
            failures.add(where + "the CSV holds a cell a spreadsheet would run as a formula");
        }
        return failures;
    }

    private static boolean isHtml(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().startsWith("text/html");
    }

    private static boolean isJson(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().contains("json");
    }

    private static boolean isCsv(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().startsWith("text/csv");
    }

    private static boolean isPdf(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().startsWith("application/pdf");
    }

    /** Every endpoint's handler, keyed as {@link AccessMatrix#endpoints} writes endpoints. */
    private static Map<String, HandlerMethod> handlers(RequestMappingHandlerMapping mappings) {
        var handlers = new LinkedHashMap<String, HandlerMethod>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            var methods = entry.getKey().getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .toList();
            for (String method : methods.isEmpty() ? List.of(AccessMatrix.ANY) : methods) {
                entry.getKey().getPatternValues().forEach(path -> handlers.put(method + " " + path, entry.getValue()));
            }
        }
        handlers.keySet().removeIf(endpoint -> endpoint.endsWith(" /error"));
        return handlers;
    }

    private static Set<String> requestParameters(HandlerMethod handler) {
        var names = new TreeSet<String>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            var annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null
                    && !MultiValueMap.class.isAssignableFrom(parameter.getParameterType())
                    && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                names.add(
                        annotation.name().isEmpty()
                                ? annotation.value().isEmpty() ? parameter.getParameterName() : annotation.value()
                                : annotation.name());
            }
        }
        return names;
    }

    private static Class<?> bodyType(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestBody.class))
                .map(MethodParameter::getParameterType)
                .findFirst()
                .orElse(null);
    }

    /** A record's JSON fields, nested records' as {@code outer.inner}. */
    private static Set<String> fields(Class<?> record, String prefix) {
        var fields = new TreeSet<String>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + component.getName();
            if (component.getType().isRecord() && !component.getType().getName().startsWith("java.")) {
                fields.add(name);
                fields.addAll(fields(component.getType(), name + "."));
            } else {
                fields.add(name);
            }
        }
        return fields;
    }

    /** Every place in a JSON document that holds a value: objects' fields (and themselves) and arrays' first elements. */
    private static Map<String, JsonNode> leaves(JsonNode node, String prefix) {
        var leaves = new LinkedHashMap<String, JsonNode>();
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                String name = prefix + field.getKey();
                leaves.put(name, field.getValue());
                if (field.getValue().isContainerNode()) {
                    leaves.putAll(
                            leaves(field.getValue(), name + (field.getValue().isArray() ? "" : ".")));
                }
            });
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            leaves.put(prefix + "[0]", array.get(0));
            leaves.putAll(leaves(array.get(0), prefix + "[0]."));
        }
        return leaves;
    }

    /** Puts a value at a place {@link #leaves} named, such as {@code reporter.email} or {@code motivations[0]}. */
    private static void put(ObjectNode body, String place, JsonNode value) {
        String[] steps = place.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.endsWith("[0]")) {
            ((ArrayNode) node.get(last.substring(0, last.length() - 3))).set(0, value);
        } else if (node instanceof ObjectNode object) {
            object.set(last, value);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        return step.endsWith("[0]")
                ? node.get(step.substring(0, step.length() - 3)).get(0)
                : node.get(step);
    }

    private static List<String> variablesOf(String template) {
        var variables = new ArrayList<String>();
        var matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    private static Payload text(String name, String value) {
        return new Payload(name, value, JSON.getNodeFactory().textNode(value));
    }

    private static Payload json(String name, String value) {
        try {
            return new Payload(name, null, value.equals("{") ? null : JSON.readTree(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("an example is not JSON", e);
        }
    }
}
