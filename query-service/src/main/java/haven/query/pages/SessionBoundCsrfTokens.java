package haven.query.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * A signed-in member of staff's CSRF token lives in their session, so it is bound to it and dies
 * with it. Reporters have no session (their answers travel in the form), so theirs is a
 * double-submit cookie: {@code __Host-} prefixed and {@code Secure} except in local development.
 */
final class SessionBoundCsrfTokens implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    SessionBoundCsrfTokens(boolean secure) {
        cookie.setCookieName(Cookies.name("XSRF-TOKEN", secure));
        cookie.setCookieCustomizer(c -> c.secure(secure).path("/").sameSite("Lax"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return session.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            session.saveToken(token, request, response);
            if (request.getCookies() != null && cookie.loadToken(request) != null) {
                cookie.saveToken(null, request, response); // signed in: the anonymous cookie has no more use
            }
        } else {
            cookie.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return request.getSession(false) != null ? session.loadToken(request) : cookie.loadToken(request);
    }
}
