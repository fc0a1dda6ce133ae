package haven.query.pages;

import haven.infra.eventstore.StoreOutage;
import haven.query.web.InvalidParameter;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.ModelAndView;

/** A page that fails says so in plain words, as a page; nothing technical reaches the browser. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletResponse response) throws Exception {
        if (e instanceof ClientAuthorizationRequiredException) {
            throw e; // the staff member's sign-in has run out: Spring Security sends them to sign in again
        }
        if (StoreOutage.causeOf(e) != null || e instanceof ResourceAccessException) {
            log.warn(
                    "A page could not be shown: {} is unavailable",
                    e instanceof ResourceAccessException ? "the command-service" : "the store");
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(StoreOutage.RETRY_AFTER_SECONDS));
            return page("error", HttpStatus.SERVICE_UNAVAILABLE);
        }
        HttpStatusCode status = e instanceof ErrorResponse known
                ? known.getStatusCode()
                : isAddressNotUnderstood(e) ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("A page failed", e);
        }
        return page(
                switch (status.value()) {
                    case 400 -> "error/400";
                    case 404 -> "error/404";
                    default -> "error";
                },
                status);
    }

    /** A parameter of the wrong type or value: only someone editing the address sends one, as the pages send none. */
    private static boolean isAddressNotUnderstood(Exception e) {
        return e instanceof TypeMismatchException || e instanceof InvalidParameter;
    }

    private static ModelAndView page(String view, HttpStatusCode status) {
        var page = new ModelAndView(view);
        page.setStatus(status);
        return page;
    }
}
