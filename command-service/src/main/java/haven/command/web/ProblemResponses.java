package haven.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import haven.command.cases.RuleViolation;
import haven.command.evidence.EvidenceCheck;
import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.events.CaseId;
import haven.infra.eventstore.StoreOutage;
import haven.infra.privacy.ErasedCase;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem. Details state rules and field names, never the
 * values sent (they may be personal data) and never a stack trace.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:haven:problem:" + type));
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail invalid(List<InvalidField> fields) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "The request has invalid fields",
                fields.stream().map(f -> f.field() + " " + f.reason()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", fields);
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail refused(RuleViolation e) {
        return problem(HttpStatus.CONFLICT, "rule-refused", "The case's rules do not allow this", e.getMessage());
    }

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail raced(RuntimeException e) {
        return problem(
                HttpStatus.CONFLICT,
                "concurrent-change",
                "Someone changed this case at the same moment",
                "Another change to this case was saved first. Reload the case and try again.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownCase() {
        return problem(HttpStatus.NOT_FOUND, "unknown-case", "No such case", "There is no case with that id.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathValue(MethodArgumentTypeMismatchException e) {
        if (e.getRequiredType() == CaseId.class) {
            return unknownCase();
        }
        return invalid(List.of(new InvalidField(e.getName(), "has the wrong format")));
    }

    @ExceptionHandler(EvidenceCheck.FileTooLarge.class)
    ResponseEntity<ProblemDetail> fileTooLarge(EvidenceCheck.FileTooLarge e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(e.fields()));
    }

    /** An upload that is not multipart/form-data at all. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail notMultipart(MultipartException e) {
        return invalid(List.of(new InvalidField("file", "must be sent as multipart/form-data")));
    }

    /** A file over the multipart limit, refused as it was read. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(tooLarge(List.of(new InvalidField("file", "is too large"))));
    }

    private static ProblemDetail tooLarge(List<InvalidField> fields) {
        var problem = invalid(fields);
        problem.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
        problem.setType(URI.create("urn:haven:problem:too-large"));
        problem.setTitle("The file is too large");
        return problem;
    }

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalidRequest(InvalidRequest e) {
        return invalid(e.fields());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreOutage.causeOf(e) != null) {
            return storeAway(e);
        }
        if (erasedCaseIn(e)) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(refused(new RuleViolation(RuleViolation.CASE_ERASED)));
        }
        log.error("Unexpected failure handling a request", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Something went wrong",
                        "The request could not be completed. Nothing was saved; please try again."));
    }

    /**
     * The key store's backstop: personal data offered for an erased case is refused wherever it
     * came from, sealed deep inside the event store's append, as the case's own rule would refuse it.
     */
    private static boolean erasedCaseIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErasedCase) {
                return true;
            }
        }
        return false;
    }

    /** The store is down or electing a primary: worth retrying in a moment, and nothing was acknowledged. */
    static ResponseEntity<ProblemDetail> storeAway(Exception e) {
        log.warn("Store unavailable: {}", StoreOutage.causeOf(e).getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(StoreOutage.RETRY_AFTER_SECONDS))
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "store-unavailable",
                        "Haven cannot save just now",
                        "Nothing was saved. Please try again in a few seconds."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidField(f.getField(), f.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(InvalidField::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(fields));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(invalid(List.of(new InvalidField(path(mapping), expected(mapping)))));
        }
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        "unreadable-body",
                        "The request body is not readable",
                        "The body must be a JSON object."));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target.isEnum()) {
                return "must be one of " + Arrays.toString(target.getEnumConstants());
            }
            if (target == LocalDate.class) {
                return "must be a date like 2026-10-01";
            }
        }
        return "has the wrong type";
    }
}
