package haven.query.pages;

import jakarta.servlet.SessionCookieConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pages' cookies (the staff session and the reporters' CSRF token) are {@code Secure} and
 * {@code __Host-} prefixed, so a browser sends them only over TLS, only to this host, and no
 * sibling domain can set them; only local development over plain http switches this off
 * ({@code HAVEN_SECURE_COOKIES=false}), and then the prefix must go too, as browsers refuse it.
 */
@Configuration(proxyBeanMethods = false)
class Cookies {

    static final String SESSION = "HAVEN_SESSION";

    static String name(String name, boolean secure) {
        return secure ? "__Host-" + name : name;
    }

    @Bean
    ServletContextInitializer sessionCookie(@Value("${haven.cookies.secure:true}") boolean secure) {
        return context -> {
            SessionCookieConfig cookie = context.getSessionCookieConfig();
            cookie.setName(name(SESSION, secure));
            cookie.setSecure(secure);
            cookie.setHttpOnly(true);
            cookie.setPath("/");
        };
    }
}
