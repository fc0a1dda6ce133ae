package haven.query.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.infra.security.AccessMatrix;
import haven.infra.security.Role;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The pages' own rules: headers on every page, forms that need their CSRF token, nothing technical shown. */
@QueryServiceTest(database = "pages-tests")
class PagesTest {

    @Autowired
    MockMvc http;

    @Value("${haven.staff-sign-in.issuer}")
    String identityProvider;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyPageIsServedWithItsSecurityHeadersAndReportersGetNoSession() throws Exception {
        var pages = AccessMatrix.endpoints(mappings).stream()
                .filter(endpoint -> endpoint.startsWith("GET "))
                .map(endpoint -> endpoint.substring("GET ".length()))
                .filter(path -> !AccessMatrix.isApi(path) && !path.contains("{"))
                .toList();
        assertThat(pages).contains("/report", "/report/type", "/follow-up");
        for (String page : pages) {
            var result = http.perform(get(page)).andReturn();
            var response = result.getResponse();
            assertThat(response.getStatus()).as(page).isIn(200, 302);
            assertThat(response.getHeader("Content-Security-Policy"))
                    .as(page)
                    .isEqualTo(PagesSecurity.pageContentSecurityPolicy(identityProvider))
                    .doesNotContain("unsafe-inline");
            assertThat(response.getHeader("Cache-Control")).as(page).contains("no-store");
            assertThat(response.getHeader("Referrer-Policy")).as(page).isEqualTo("no-referrer");
            assertThat(response.getHeader("X-Frame-Options")).as(page).isEqualTo("DENY");
            if (page.equals("/")
                    || page.startsWith("/report")
                    || page.startsWith("/follow-up")
                    || page.equals("/accessibility")) {
                assertThat(result.getRequest().getSession(false))
                        .as("no session for " + page)
                        .isNull();
            }
        }
    }

    @Test
    void theAccessibilityStatementIsLinkedFromEveryPageAndNamesWhomToAskForAnotherFormat() throws Exception {
        String statement = http.perform(get("/accessibility"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(statement)
                .contains(
                        "Accessibility statement for Haven",
                        "This service is run by Haven.",
                        "mailto:accessibility@council.example",
                        "partially compliant",
                        "Equality Advisory and Support Service",
                        "It was last reviewed on 3 December 2026.");
        for (String page : List.of("/report", "/follow-up", "/accessibility")) {
            assertThat(http.perform(get(page)).andReturn().getResponse().getContentAsString())
                    .as(page)
                    .contains("<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility statement</a>");
        }
    }

    @Test
    void reportersChooseWelshAndStaffPagesStayInEnglish() throws Exception {
        var welsh = http.perform(get("/report").param("lang", "cy")).andReturn().getResponse();
        assertThat(welsh.getContentAsString())
                .contains(
                        "<html lang=\"cy\"",
                        "Rhoi gwybod am ddigwyddiad casineb neu fwlio yn y gwaith",
                        "Help a chymorth")
                .contains("Help cyfrinachol am ddim");
        Cookie chosen = welsh.getCookie("__Host-HAVEN_LANGUAGE");
        assertThat(chosen.getValue()).isEqualTo("cy");
        assertThat(chosen.isHttpOnly()).isTrue();

        assertThat(http.perform(get("/follow-up").cookie(chosen))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .as("chosen once, kept")
                .contains("Dilyn eich adroddiad", "Change the language to English");
        assertThat(http.perform(get("/report").header("Accept-Language", "cy-GB,cy;q=0.9"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .as("the browser's preference, until they choose")
                .contains("Rhoi gwybod am ddigwyddiad casineb");

        var unknown =
                http.perform(get("/report").param("lang", "fr")).andReturn().getResponse();
        assertThat(unknown.getCookie("__Host-HAVEN_LANGUAGE")).isNull();
        assertThat(unknown.getContentAsString()).contains("<html lang=\"en\"", "Report a hate incident");

        assertThat(http.perform(get("/trends")
                                .cookie(chosen)
                                .param("lang", "cy")
                                .with(PageLogin.as("board.chair", null, Role.BOARD)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .as("staff pages are in English only")
                .contains("<html lang=\"en\"", "Reported hate incidents")
                .doesNotContain("Cymraeg");
    }

    @Test
    void theWelshMessagesSayEverythingTheEnglishOnesDo() throws Exception {
        var english = new java.util.Properties();
        var welsh = new java.util.Properties();
        try (var en = getClass().getResourceAsStream("/messages.properties");
                var cy = getClass().getResourceAsStream("/messages_cy.properties")) {
            english.load(new java.io.InputStreamReader(en, java.nio.charset.StandardCharsets.UTF_8));
            welsh.load(new java.io.InputStreamReader(cy, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(welsh.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        welsh.forEach(
                (key, words) -> assertThat((String) words).as((String) key).isNotBlank());
    }

    @Test
    void theStartPageSignpostsSupportFromThePartnershipsFile() throws Exception {
        assertThat(http.perform(get("/report")).andReturn().getResponse().getContentAsString())
                .contains("Help and support", "Victim Support", "Telephone: 08 08 16 89 111", "Acas", "Samaritans")
                .contains("href=\"https://www.victimsupport.org.uk\"");
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() throws Exception {
        http.perform(post("/report/type").param("type", "HATE_INCIDENT")).andExpect(status().isForbidden());
        http.perform(post("/report/type")
                        .param("type", "HATE_INCIDENT")
                        .param("_csrf", "token-1")
                        .cookie(new Cookie("__Host-XSRF-TOKEN", "token-1")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("What happened?")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "<input type=\"hidden\" name=\"type\" value=\"HATE_INCIDENT\"")));
    }

    /** Preprocessing, unescaped text and unescaped inlining are where a request value could become code or markup. */
    @Test
    void noTemplatePreprocessesOrPrintsUnescaped() throws Exception {
        var templates = new PathMatchingResourcePatternResolver().getResources("classpath:/templates/**/*.html");
        assertThat(templates).hasSizeGreaterThan(10);
        for (var template : templates) {
            String html = template.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(html)
                    .as(template.getFilename())
                    .doesNotContainPattern("__[$*#@~]\\{")
                    .doesNotContain("th:utext")
                    .doesNotContain("[(");
        }
    }

    @Test
    void aReportersCsrfCookieIsSecureAndHostOnly() throws Exception {
        var cookie = http.perform(get("/report")).andReturn().getResponse().getCookie("__Host-XSRF-TOKEN");

        assertThat(cookie).isNotNull();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getDomain()).isNull();
    }

    @Test
    void onceSignedInTheCsrfTokenIsTheSessionsAndACookieTokenNoLongerPasses() throws Exception {
        var session = new MockHttpSession();
        var staff = PageLogin.as("mgr.jones", "equality", Role.CASE_MANAGER);
        var page = http.perform(get("/report").session(session).with(staff)).andReturn();
        assertThat(page.getResponse().getCookie("__Host-XSRF-TOKEN"))
                .as("no cookie token beside a session")
                .isNull();
        String sessionToken = ((CsrfToken) page.getRequest().getAttribute(CsrfToken.class.getName())).getToken();

        http.perform(post("/report/type")
                        .session(session)
                        .with(staff)
                        .param("type", "HATE_INCIDENT")
                        .param("_csrf", "forged")
                        .cookie(new Cookie("__Host-XSRF-TOKEN", "forged")))
                .andExpect(status().isForbidden());
        http.perform(post("/report/type")
                        .session(session)
                        .with(staff)
                        .param("type", "HATE_INCIDENT")
                        .param("_csrf", sessionToken))
                .andExpect(status().isOk());
    }

    @Test
    void theStaffSessionCookieIsSecureAndHostOnlyUnlessInLocalDevelopment() throws Exception {
        var context = new MockServletContext();
        new Cookies().sessionCookie(true).onStartup(context);
        assertThat(context.getSessionCookieConfig().getName()).isEqualTo("__Host-HAVEN_SESSION");
        assertThat(context.getSessionCookieConfig().isSecure()).isTrue();
        assertThat(context.getSessionCookieConfig().isHttpOnly()).isTrue();

        var local = new MockServletContext();
        new Cookies().sessionCookie(false).onStartup(local);
        assertThat(local.getSessionCookieConfig().getName()).isEqualTo("HAVEN_SESSION");
        assertThat(local.getSessionCookieConfig().isSecure()).isFalse();
    }

    @Test
    void aMissingAnswerIsShownWithTheGovukErrorPattern() throws Exception {
        http.perform(post("/report/what-happened")
                        .param("type", "DIGNITY_AT_WORK")
                        .param("_csrf", "t")
                        .cookie(new Cookie("__Host-XSRF-TOKEN", "t")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<title>Error: What happened?")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "<a href=\"#category\">Select what kind of thing happened</a>")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "<a href=\"#narrative\">Tell us what happened</a>")));
    }

    @Test
    void anAnswerIsNeverEvaluatedAsAnExpressionEvenWhenAJumpSkipsItsCheck() throws Exception {
        for (String field : List.of("type", "category", "locationType", "motivations", "reporterRole")) {
            for (String injected : List.of(
                    "x} + ${7*7} + #{x", "__${7*7}__", "${@environment.getProperty('spring.application.name')}")) {
                var form = post("/report/consent")
                        .param("_goto", "check")
                        .param("_csrf", "t")
                        .cookie(new Cookie("__Host-XSRF-TOKEN", "t"));
                Reports.COMPLETE_REPORT_FORM.forEach(
                        (name, value) -> form.param(name, name.equals(field) ? injected : value));
                String page = http.perform(form)
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
                assertThat(page)
                        .as(field + " = " + injected)
                        .doesNotContain("49", "query-service")
                        .doesNotContain("Check your answers before sending")
                        .contains("There is a problem");
            }
        }
    }

    @Test
    void theCheckPageShowsEveryAnswerOnceAllHavePassedTheirChecks() throws Exception {
        var form = post("/report/consent")
                .param("_goto", "check")
                .param("_csrf", "t")
                .cookie(new Cookie("__Host-XSRF-TOKEN", "t"));
        Reports.COMPLETE_REPORT_FORM.forEach(form::param);
        http.perform(form)
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Check your answers before sending")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("Verbal abuse, such as insults or name-calling")));
    }

    @Test
    void anUnknownPageSaysSoInWordsAndShowsNothingTechnical() throws Exception {
        for (String path : List.of("/report/no-such-question", "/nowhere")) {
            var response = http.perform(
                            path.startsWith("/report/")
                                    ? post(path).param("_csrf", "t").cookie(new Cookie("__Host-XSRF-TOKEN", "t"))
                                    : get(path))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(path).isIn(403, 404);
            assertThat(response.getContentAsString()).doesNotContain("Exception", "at haven.", "Whitelabel");
        }
    }
}
