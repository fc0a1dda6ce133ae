package haven.query.pages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A page that fails says so in plain words, as a page; nothing technical reaches the browser. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e) throws Exception {
        if (e instanceof ClientAuthorizationRequiredException) {
            throw e; // the staff member's sign-in has run out: Spring Security sends them to sign in again
        }
        HttpStatusCode status = e instanceof ErrorResponse known ? known.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("A page failed", e);
        }
        var page = new ModelAndView(status.value() == 404 ? "error/404" : "error");
        page.setStatus(status);
        return page;
    }
}
