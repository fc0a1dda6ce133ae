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
        assertThat(areas.of(ReportType.HATE_INCIDENT))
                .extracting(Areas.Area::label)
                .contains("Castle ward");
        assertThat(areas.of(ReportType.DIGNITY_AT_WORK))
                .extracting(Areas.Area::code)
                .contains("ADULTS");
        assertThat(areas.allows(ReportType.HATE_INCIDENT, "CASTLE")).isTrue();
        assertThat(areas.allows(ReportType.HATE_INCIDENT, "ADULTS")).isFalse();
        assertThat(areas.allows(ReportType.DIGNITY_AT_WORK, Areas.NOT_SURE)).isTrue();
        assertThat(areas.codes()).endsWith(Areas.NOT_SURE, Areas.NOT_CODED);
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
