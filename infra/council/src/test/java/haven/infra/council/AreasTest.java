package haven.infra.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import haven.events.ReportType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AreasTest {

    @Test
    void theBundledExampleListsWardsForHateIncidentsAndDirectoratesForDignityAtWork() {
        var areas = Areas.load("");
        assertThat(areas.of(null, ReportType.HATE_INCIDENT))
                .extracting(Areas.Area::label)
                .contains("Castle ward");
        assertThat(areas.of(null, ReportType.DIGNITY_AT_WORK))
                .extracting(Areas.Area::code)
                .contains("ADULTS");
        assertThat(areas.allows(null, ReportType.HATE_INCIDENT, "CASTLE")).isTrue();
        assertThat(areas.allows(null, ReportType.HATE_INCIDENT, "ADULTS")).isFalse();
        assertThat(areas.allows(null, ReportType.DIGNITY_AT_WORK, Areas.NOT_SURE))
                .isTrue();
        assertThat(areas.codes()).endsWith(Areas.NOT_SURE, Areas.NOT_CODED);
    }

    @Test
    void aPartnerWithItsOwnDirectoratesPlacesItsStaffsReportsInThoseAndHateIncidentsInTheWards() {
        var areas = Areas.load("").servedBy(Partnership.load("demo"));

        assertThat(areas.of("castle-homes", ReportType.DIGNITY_AT_WORK))
                .extracting(Areas.Area::code)
                .containsExactly("HOMES-TENANCY", "HOMES-REPAIRS", "HOMES-CORPORATE");
        assertThat(areas.allows("castle-homes", ReportType.DIGNITY_AT_WORK, "ADULTS"))
                .isFalse();
        assertThat(areas.allows("castle-council", ReportType.DIGNITY_AT_WORK, "ADULTS"))
                .isTrue();
        assertThat(areas.allows("castle-council", ReportType.DIGNITY_AT_WORK, "HOMES-REPAIRS"))
                .isFalse();
        assertThat(areas.allows("castle-homes", ReportType.HATE_INCIDENT, "CASTLE"))
                .isTrue();
        // the boards count every partner's codes, by their own labels
        assertThat(areas.codes()).contains("ADULTS", "HOMES-REPAIRS");
        assertThat(areas.label("HOMES-REPAIRS")).contains("Repairs and maintenance");
    }

    @Test
    void aPartnersAreaCodeIsItsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.writeString(
                folder.resolve("partnership.yml"), "name: P\norganisations: [council.yml, homes.yml]\n");
        String intake = "intake-teams:\n  HATE_INCIDENT: safety\n  DIGNITY_AT_WORK: hr\n";
        java.nio.file.Files.writeString(folder.resolve("council.yml"), "id: council\nname: Council\n" + intake);
        java.nio.file.Files.writeString(
                folder.resolve("homes.yml"),
                "id: homes\nname: Homes\n" + intake + "areas:\n  dignity-at-work:\n    - code: ADULTS\n"
                        + "      label: Adults\n");
        var partnership = Partnership.load(folder.resolve("partnership.yml").toString());

        assertThatThrownBy(() -> Areas.load("").servedBy(partnership))
                .hasMessage("organisation homes: the area code ADULTS is also used by the areas file;"
                        + " each area has its own code");
    }

    @Test
    void freeTextFromBeforeTheListCountsAsNotCoded() {
        var areas = Areas.load("");
        assertThat(areas.coded("Highways, near John's house")).isEqualTo(Areas.NOT_CODED);
        assertThat(areas.coded(null)).isEqualTo(Areas.NOT_CODED);
        assertThat(areas.coded("CASTLE")).isEqualTo("CASTLE");
        assertThat(areas.label(Areas.NOT_CODED)).contains("Not coded");
    }

    @Test
    void aMistakeInTheFileIsNamedAtStartUp() {
        assertThatThrownBy(
                        () -> parse(
                                "hate-incident:\n  - code: abbey\n    label: Abbey\ndignity-at-work:\n  - code: HR\n    label: HR\n"))
                .hasMessageContaining("hate-incident entry 1")
                .hasMessageContaining("capital letters");
        assertThatThrownBy(() -> parse(
                        "hate-incident:\n  - code: HR\n    label: A\ndignity-at-work:\n  - code: HR\n    label: B\n"))
                .hasMessageContaining("dignity-at-work entry 1")
                .hasMessageContaining("also used by");
        assertThatThrownBy(() -> parse("hate-incident:\n  - code: A\n    label: A\n"))
                .hasMessageContaining("'dignity-at-work' must list at least one area");
        assertThatThrownBy(() -> parse("hate-incident: [unclosed")).hasMessageContaining("is not YAML");
    }

    private static Areas parse(String yaml) {
        return Areas.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "areas.yml");
    }
}
