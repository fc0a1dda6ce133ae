package haven.query.web;

import haven.infra.eventstore.StoreOutage;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** RFC 9457 problems for bad query parameters, naming the parameter and never echoing its value. */
@RestControllerAdvice(annotations = RestController.class)
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String reason = type != null && type.isEnum()
                ? "must be one of " + Arrays.toString(type.getEnumConstants())
                : "has the wrong format";
        return invalid(List.of(Map.of("field", e.getName(), "reason", reason)));
    }

    @ExceptionHandler(InvalidParameter.class)
    ProblemDetail invalidParameter(InvalidParameter e) {
        return invalid(List.of(Map.of("field", e.field(), "reason", e.reason())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreOutage.causeOf(e) != null) {
            // a case file is never shown without its access-log entry, so it waits for the store too
            log.warn("Store unavailable: {}", StoreOutage.causeOf(e).getClass().getSimpleName());
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The store is unavailable for a moment. Please try again in a few seconds.");
            problem.setType(URI.create("urn:haven:problem:store-unavailable"));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(StoreOutage.RETRY_AFTER_SECONDS))
                    .body(problem);
        }
        log.error("Unexpected failure answering a query", e);
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The query could not be answered. Please try again.");
        problem.setType(URI.create("urn:haven:problem:internal"));
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field", result.getMethodParameter().getParameterName(),
                                "reason", String.valueOf(((MessageSourceResolvable) error).getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest().body(invalid(fields));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = e.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(fields));
    }

    private static ProblemDetail invalid(List<Map<String, String>> fields) {
        var problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields of the request are invalid.");
        problem.setType(URI.create("urn:haven:problem:invalid-request"));
        problem.setTitle("The request has invalid fields");
        problem.setProperty("errors", fields);
        return problem;
    }
}
