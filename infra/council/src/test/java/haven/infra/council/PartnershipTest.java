package haven.infra.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import haven.events.ReportType;
import haven.events.RiskLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnershipTest {

    static final String COUNCIL = """
            id: castle-council
            name: Castle District Council
            intake-teams:
              HATE_INCIDENT: community-safety
              DIGNITY_AT_WORK: hr
            """;

    @TempDir
    Path folder;

    @Test
    void theBundledPartnershipIsOneOrganisationWhoseTokensNeedNotNameIt() {
        var partnership = Partnership.load("");

        assertThat(partnership.organisations()).hasSize(1);
        assertThat(partnership.founder().id()).isEqualTo("council");
        assertThat(partnership.hateCrimeService()).isEqualTo(partnership.founder());
        assertThat(partnership.founder().intakeTeam(ReportType.DIGNITY_AT_WORK)).isEqualTo("equality");
        assertThat(partnership.organisationOfTokensNamingNone()).contains("council");
    }

    @Test
    void theDemoPartnershipHasThreeOrganisationsAndTokensMustNameTheirs() {
        var partnership = Partnership.load("demo");

        assertThat(partnership.organisations())
                .extracting(Partnership.Organisation::id)
                .containsExactly("castle-council", "castle-police", "castle-homes");
        assertThat(partnership.founder().id()).isEqualTo("castle-council");
        assertThat(partnership.organisation("castle-police").orElseThrow().intakeTeam(ReportType.HATE_INCIDENT))
                .isEqualTo("hate-crime-unit");
        assertThat(partnership.organisationOfTokensNamingNone()).isEmpty();
        assertThat(partnership.organisation("castle-homes").orElseThrow().keepAfterClosure())
                .contains(java.time.Period.ofYears(3));
        assertThat(partnership.founder().keepAfterClosure()).isEmpty();
        var police = partnership
                .organisation("castle-police")
                .orElseThrow()
                .serviceLevels()
                .orElseThrow();
        var englishDays = new WorkingDays(UkCalendar.ENGLAND_AND_WALES);
        assertThat(police.firstContactDue(RiskLevel.LOW, java.time.LocalDate.parse("2026-12-24"), englishDays))
                .as("two working days after Christmas Eve: not Christmas, Boxing Day's substitute or the weekend")
                .isEqualTo("2026-12-30");
        assertThat(police.triageDue(java.time.LocalDate.parse("2026-12-01"), englishDays))
                .isEqualTo("2026-12-01");
        assertThat(partnership.founder().serviceLevels()).isEmpty();
    }

    @Test
    void aPartnershipIsReadFromItsFolderInTheOrderItListsItsOrganisations() throws IOException {
        write("partnership.yml", """
                name: Castle partnership
                hate-crime-service: castle-council
                organisations: [police.yml, council.yml]
                """);
        write("council.yml", COUNCIL);
        write(
                "police.yml",
                COUNCIL.replace("castle-council", "castle-police").replace("Castle District Council", "Police"));

        var partnership = Partnership.load(folder.resolve("partnership.yml").toString());

        assertThat(partnership.name()).isEqualTo("Castle partnership");
        assertThat(partnership.founder().id()).isEqualTo("castle-police");
        assertThat(partnership.hateCrimeService().id()).isEqualTo("castle-council");
    }

    @Test
    void everyMistakeStopsTheServiceNamingTheFileAndWhatIsWrong() throws IOException {
        write("partnership.yml", "name: P\norganisations: [council.yml]\n");
        write("council.yml", COUNCIL.replace("  DIGNITY_AT_WORK: hr\n", ""));
        assertThatThrownBy(() -> load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "council.yml: intake-teams DIGNITY_AT_WORK must be a team: 1 to 60 letters, digits, '.', '_' or '-'");

        write("council.yml", COUNCIL.replace("castle-council", "Castle Council!"));
        assertThatThrownBy(() -> load()).hasMessageStartingWith("council.yml: 'id' must be 2 to 40 small letters");

        write("council.yml", COUNCIL + "  SOMETHING_ELSE: x\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: intake-teams names no such report type [SOMETHING_ELSE]");

        write("council.yml", COUNCIL);
        write("partnership.yml", "name: P\norganisations: [council.yml, copy.yml]\n");
        write("copy.yml", COUNCIL);
        assertThatThrownBy(() -> load()).hasMessage("copy.yml: the id castle-council is another's too");

        write("partnership.yml", "name: P\nhate-crime-service: police\norganisations: [council.yml]\n");
        assertThatThrownBy(() -> load())
                .hasMessageEndingWith("'hate-crime-service' must be the id of one of its organisations");

        write("partnership.yml", "name: P\norganisations: [council.yml]\n");
        write("council.yml", COUNCIL + "retention:\n  after-closure: 6 years\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: retention after-closure must be a period of one to twenty years, like P6Y");

        write("partnership.yml", "name: P\norganisations: [council.yml]\n");
        write("council.yml", COUNCIL + "leaving: soon\n");
        assertThatThrownBy(() -> load()).hasMessage("council.yml: 'leaving' must be true or false");

        write(
                "council.yml",
                COUNCIL + "service-levels:\n  first-contact-days: {LOW: 5, MEDIUM: 3}\n"
                        + "  resolution-days: {LOW: 60, MEDIUM: 40, HIGH: 20}\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: service-levels first-contact-days must give whole working days from 0 to 365"
                        + " for each of LOW, MEDIUM and HIGH");
        write(
                "council.yml",
                COUNCIL + "service-levels:\n  first-contact-days: {LOW: 5, MEDIUM: 3, HIGH: 1}\n"
                        + "  resolution-days: {LOW: 60, MEDIUM: 40, HIGH: 20}\n  inactivity-days: 10\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: service-levels triage-days must give whole working days from 0 to 365");
        write(
                "council.yml",
                COUNCIL + "service-levels:\n  first-contact-days: {LOW: 5, MEDIUM: 3, HIGH: 30}\n"
                        + "  resolution-days: {LOW: 60, MEDIUM: 40, HIGH: 20}\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: service-levels resolution-days HIGH must not be fewer than its"
                        + " first-contact-days");

        write("partnership.yml", "name: P\norganisations: [../secrets.yml]\n");
        assertThatThrownBy(() -> load()).hasMessageEndingWith("lists file names like castle-council.yml, beside it");
    }

    @Test
    void reportersAreShownThePartnershipsSupportAndTheirOrganisationsOwnForWhatTheyReport() {
        var partnership = Partnership.load("demo");

        assertThat(partnership.supportFor("castle-council", ReportType.HATE_INCIDENT))
                .extracting(SupportService::name)
                .containsExactly("Victim Support", "Stop Hate UK", "Samaritans");
        assertThat(partnership.supportFor("castle-council", ReportType.DIGNITY_AT_WORK))
                .extracting(SupportService::name)
                .containsExactly(
                        "Acas",
                        "Samaritans",
                        "Employee Assistance Programme",
                        "Staff networks",
                        "UNISON Castle branch");
        assertThat(partnership.supportFor("castle-police", ReportType.DIGNITY_AT_WORK))
                .extracting(SupportService::name)
                .containsExactly("Acas", "Samaritans");
        assertThat(partnership.support().get(0).website())
                .contains(java.net.URI.create("https://www.victimsupport.org.uk"));
        assertThat(partnership.accessibilityContact().orElseThrow().email()).isEqualTo("accessibility@castle.example");
        assertThat(Partnership.load("").accessibilityContact()).isPresent();
    }

    @Test
    void aSupportServiceOrContactThatCouldMisleadOrHarmAReporterStopsTheService() throws IOException {
        write("council.yml", COUNCIL);
        write("partnership.yml", """
                name: P
                organisations: [council.yml]
                support:
                  - name: A helpline
                    description: Call us
                    website: javascript:alert(1)
                """);
        assertThatThrownBy(() -> load())
                .hasMessageEndingWith("partnership.yml: support entry 1: 'website' must be an https address,"
                        + " like https://www.victimsupport.org.uk");
        write("council.yml", COUNCIL + """
                support:
                  - name: EAP
                    description: Counselling
                    for: [EVERYTHING]
                """);
        write("partnership.yml", "name: P\norganisations: [council.yml]\n");
        assertThatThrownBy(() -> load())
                .hasMessageStartingWith("council.yml: support entry 1: 'for' must list report types");
        write("council.yml", COUNCIL + "support:\n  - name: EAP\n");
        assertThatThrownBy(() -> load())
                .hasMessage("council.yml: support entry 1: 'description' must be 1 to 400 characters");
        write("council.yml", COUNCIL);
        write("partnership.yml", "name: P\norganisations: [council.yml]\naccessibility-contact: {email: nobody}\n");
        assertThatThrownBy(() -> load()).hasMessageContaining("'accessibility-contact' must give an email address");
    }

    @Test
    void aPartnerLeavingTakesNoNewReportsAndNeitherTheFounderNorTheHateCrimeServiceCanBeLeaving() throws IOException {
        write(
                "partnership.yml",
                "name: P\nhate-crime-service: castle-council\norganisations: [council.yml, police.yml]\n");
        write("council.yml", COUNCIL);
        write(
                "police.yml",
                COUNCIL.replace("castle-council", "castle-police").replace("Castle District Council", "Police")
                        + "leaving: true\n");
        assertThat(load().takingReports())
                .extracting(Partnership.Organisation::id)
                .containsExactly("castle-council");
        assertThat(load().organisation("castle-police").orElseThrow().leaving()).isTrue();

        write(
                "partnership.yml",
                "name: P\nhate-crime-service: castle-police\norganisations: [council.yml, police.yml]\n");
        assertThatThrownBy(() -> load())
                .hasMessageContaining("the hate crime service castle-police is leaving; name a partner that stays");

        write(
                "partnership.yml",
                "name: P\nhate-crime-service: castle-council\norganisations: [police.yml, council.yml]\n");
        assertThatThrownBy(() -> load()).hasMessageContaining("the first organisation listed runs the partnership's");
    }

    private Partnership load() {
        return Partnership.load(folder.resolve("partnership.yml").toString());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }
}
