package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import haven.infra.embedded.EmbeddedStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner leaves the demo partnership as docs/partnership.md says: its file is marked
 * {@code leaving: true} and the services restarted, then its data protection officer downloads its
 * cases and erases them on the pages. Every page is checked with axe.
 */
class DepartureJourneyTest {

    @TempDir
    static Path folder;

    static LocalSystem system;
    static Browser browser;

    @BeforeAll
    static void startTheDemoPartnershipFromItsFiles() throws Exception {
        for (String file : List.of("partnership.yml", "castle-council.yml", "castle-police.yml", "castle-homes.yml")) {
            try (InputStream in =
                    DepartureJourneyTest.class.getResourceAsStream("/haven/council/demo-partnership/" + file)) {
                Files.copy(in, folder.resolve(file));
            }
        }
        system = LocalSystem.start("departure-logs", EmbeddedStore.inMemory(), LocalSystem.MASTER_KEY, partnership());
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPartnerLeavingExportsThenErasesItsCasesOnThePages() throws Exception {
        var report = JsonHttp.anonymous()
                .post(
                        system.command().url() + "/api/reports",
                        Map.ofEntries(
                                Map.entry("type", "HATE_INCIDENT"),
                                Map.entry("category", "VERBAL_ABUSE"),
                                Map.entry("occurredOn", "2026-10-01"),
                                Map.entry("locationType", "HOME_OR_NEIGHBOURHOOD"),
                                Map.entry("area", "NOT_SURE"),
                                Map.entry("motivations", List.of("RACE")),
                                Map.entry("reporterRole", "VICTIM"),
                                Map.entry("anonymous", true),
                                Map.entry("narrative", "My neighbour shouts about my accent"),
                                Map.entry("organisation", "castle-homes"),
                                Map.entry("policeInformed", false),
                                Map.entry("consentToShare", false)));
        assertThat(report.status()).isEqualTo(201);
        var homesManager = JsonHttp.signedIn(system.identity().url(), "hm.ali");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> homesManager
                                .get(system.query().url() + "/api/caseload")
                                .body()
                                .path("total")
                                .asInt()
                        == 1);

        Files.writeString(
                folder.resolve("castle-homes.yml"), "leaving: true\n", java.nio.file.StandardOpenOption.APPEND);
        system = system.restarted(LocalSystem.MASTER_KEY, partnership());
        browser = Browser.open(LocalSystem.ROOT, system.query().url());

        browser.signIn("/admin/organisation", "dpo.brown");
        assertThat(browser.heading()).isEqualTo("Leaving the partnership");
        assertThat(browser.text("#leaving")).contains("Castle Homes housing association is leaving");
        assertThat(browser.find("#download").getAttribute("href")).endsWith("/admin/organisation/archive");
        browser.check("departure");

        browser.type("#depart-confirm", "castle-council");
        browser.press("Erase all our cases");
        assertThat(browser.title()).startsWith("Error:");
        assertThat(browser.text(".govuk-error-summary")).contains("Enter your organisation's id exactly as shown");
        browser.check("departure-unconfirmed");

        browser.type("#depart-confirm", "castle-homes");
        browser.press("Erase all our cases");
        assertThat(browser.text("#done")).isEqualTo("1 case(s) erased.");
        browser.check("departure-erased");
        browser.signOut();

        // the council stays: its officer is told how a partner would leave, and nothing of its own was touched
        browser.signIn("/admin/organisation", "dpo.smith");
        assertThat(browser.text("#not-leaving")).contains("is a member of Castle Hate Crime Partnership");
        browser.check("departure-not-leaving");
        browser.signOut();
    }

    private static String partnership() {
        return folder.resolve("partnership.yml").toString();
    }
}
