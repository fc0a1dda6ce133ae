package haven.query.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The languages of the pages reporters read: English, and those the council ships a bundle for
 * ({@code messages_cy.properties}, listed in {@code HAVEN_LANGUAGES}). A reporter chooses one with
 * the switcher ({@code ?lang=cy}), kept in a cookie; until then their browser's preference among
 * them, else English. Staff pages are in English whatever is chosen, so no page mixes two
 * languages. Only a listed language is ever taken from a request.
 */
final class Languages implements LocaleResolver, HandlerInterceptor {

    static final String PARAMETER = "lang";
    private static final Locale ENGLISH = Locale.ENGLISH;
    /** Pages only staff use (not recording a report for someone, which asks the person's questions): in English. */
    private static final List<String> STAFF_ONLY = Stream.concat(
                    PagesSecurity.STAFF_PAGES.stream().filter(page -> !page.equals("/intake")),
                    Stream.of("/sign-in", "/signed-out", PagesSecurity.FORBIDDEN, "/api"))
            .toList();

    private final List<String> codes;
    private final String cookie;
    private final boolean secure;

    Languages(String languages, boolean secure) {
        var listed = Arrays.stream(languages.split(","))
                .map(String::strip)
                .filter(code -> code.matches("[a-z]{2,3}"))
                .distinct()
                .toList();
        this.codes = Stream.concat(Stream.of("en"), listed.stream()).distinct().toList();
        this.secure = secure;
        this.cookie = Cookies.name("HAVEN_LANGUAGE", secure);
    }

    /** The languages offered, as codes, English first. */
    List<String> codes() {
        return codes;
    }

    /** Whether this page is one reporters read, and so offered in every language. */
    static boolean offersLanguages(String path) {
        return STAFF_ONLY.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (!offersLanguages(request.getRequestURI())) {
            return ENGLISH;
        }
        Object chosenNow = request.getAttribute(Languages.class.getName());
        if (chosenNow instanceof Locale locale) {
            return locale;
        }
        return chosen(request)
                .or(() -> preferred(request))
                .map(Locale::forLanguageTag)
                .orElse(ENGLISH);
    }

    /** The language this visitor chose with the switcher, if they did. */
    Optional<String> chosen(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        return Arrays.stream(request.getCookies())
                .filter(c -> c.getName().equals(cookie))
                .map(Cookie::getValue)
                .filter(codes::contains)
                .findFirst();
    }

    private Optional<String> preferred(HttpServletRequest request) {
        return Collections.list(request.getLocales()).stream()
                .map(Locale::getLanguage)
                .filter(codes::contains)
                .findFirst();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String code = locale == null ? "en" : locale.getLanguage();
        if (!codes.contains(code)) {
            return;
        }
        request.setAttribute(Languages.class.getName(), Locale.forLanguageTag(code));
        var chosen = new Cookie(cookie, code);
        chosen.setPath("/");
        chosen.setSecure(secure);
        chosen.setHttpOnly(true);
        chosen.setMaxAge((int) Duration.ofDays(365).toSeconds());
        chosen.setAttribute("SameSite", "Lax");
        response.addCookie(chosen);
    }

    /** {@code ?lang=cy} (or a form field of that name) chooses a listed language; anything else is ignored. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String asked = request.getParameter(PARAMETER);
        if (asked != null && codes.contains(asked) && offersLanguages(request.getRequestURI())) {
            setLocale(request, response, Locale.forLanguageTag(asked));
        }
        return true;
    }
}
