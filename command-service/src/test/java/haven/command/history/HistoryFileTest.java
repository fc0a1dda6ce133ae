package haven.command.history;

import static org.assertj.core.api.Assertions.assertThat;

import haven.events.Category;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportType;
import haven.infra.council.Areas;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class HistoryFileTest {

    static final String HEADER = "source_id,reported_month,type,category,area,location_type,reporter_role,"
            + "perceived_motivations,characteristics,strands,outcome,closed_on";
    static final Areas AREAS = Areas.load("");
    static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    @Test
    void aCleanFileGivesOneCaseARowWithItsCodesReadAsASpreadsheetWritesThem() {
        var parsed = parse(HEADER + "\r\n"
                + "INC-1,2021-06,HATE_INCIDENT,Verbal abuse,CASTLE,,,race;religion or belief,RACE,,resolved informally,2021-07-30\r\n"
                + "INC-2,2022-01,DIGNITY_AT_WORK,BULLYING,ADULTS,WORKPLACE,VICTIM,,,,UPHELD,2022-03-01\r\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        var first = parsed.rows().get(0);
        assertThat(first.row()).isEqualTo(2);
        assertThat(first.incident().type()).isEqualTo(ReportType.HATE_INCIDENT);
        assertThat(first.incident().category()).isEqualTo(Category.VERBAL_ABUSE);
        assertThat(first.incident().reportedIn()).isEqualTo(YearMonth.of(2021, 6));
        assertThat(first.incident().motivations())
                .containsExactlyInAnyOrder(Motivation.RACE, Motivation.RELIGION_OR_BELIEF);
        assertThat(first.incident().characteristics()).containsExactly(ProtectedCharacteristic.RACE);
        assertThat(first.incident().locationType()).isNull();
        assertThat(first.incident().outcome()).isEqualTo(Outcome.RESOLVED_INFORMALLY);
        assertThat(first.caseId()).isEqualTo(HistoryFile.caseIdOf("INC-1"));
    }

    @Test
    void everyProblemIsReportedByRowAndColumnWithoutItsValueAndNothingIsKept() {
        var parsed = parse(HEADER + "\n"
                + "INC-1,2021-13,HATE_INCIDENT,Shouting at Mr Canary,CASTLE,,,,,,UPHELD,2021-07-30\n"
                + "INC-1,2021-06,HATE_INCIDENT,THREATS,Canary Street,,,,,,UPHELD,2021-05-30\n"
                + "INC 3,2021-06,DIGNITY_AT_WORK,BULLYING,CASTLE,,,,,,UPHELD,2031-01-01\n");
        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.problems())
                .extracting(p -> p.row() + " " + p.field())
                .containsExactly(
                        "2 reported_month",
                        "2 category",
                        "3 source_id",
                        "3 area",
                        "3 closed_on",
                        "4 source_id",
                        "4 area",
                        "4 closed_on");
        assertThat(parsed.problems().toString()).doesNotContain("Canary", "2031", "INC");
    }

    @Test
    void excelsOwnFilesAreReadAndOtherFilesAreNamedForWhatTheyAre() {
        String row = "INC-1;2021-06;HATE_INCIDENT;THREATS;CASTLE;;;;;;UPHELD;2021-07-30\r\n";
        var semicolons = HistoryFile.parse(
                ("\uFEFF" + HEADER.replace(',', ';') + "\r\n" + row).getBytes(StandardCharsets.UTF_8), AREAS, TODAY);
        assertThat(semicolons.problems()).isEmpty();
        // Excel's "CSV (Comma delimited)": Windows-1252, and an empty column after the last
        var windows = HistoryFile.parse(
                (HEADER + ",\r\nINC-1,2021-06,HATE_INCIDENT,THREATS,CASTLE,,,,,,UPHELD,2021-07-30,\r\n"
                                + "INC-2,2021-06,HATE_INCIDENT,THREATS,CASTLE,,,,,,Résolu,2021-07-30,\r\n")
                        .getBytes(Charset.forName("windows-1252")),
                AREAS,
                TODAY);
        assertThat(windows.problems())
                .extracting(p -> p.row() + " " + p.field())
                .containsExactly("3 outcome");

        assertThat(HistoryFile.parse(new byte[] {'P', 'K', 3, 4, 0, 0}, AREAS, TODAY)
                        .problems())
                .extracting(HistoryFile.Problem::problem)
                .allMatch(p -> p.contains("is not a CSV file"));
        assertThat(parse(HEADER + "\r\n\"INC-1,2021-06\r\n").problems())
                .extracting(HistoryFile.Problem::problem)
                .allMatch(p -> p.contains("is not valid CSV"));
        assertThat(parse("id,month\r\n1,2\r\n").problems())
                .extracting(HistoryFile.Problem::field)
                .containsExactly("header");
        assertThat(parse(HEADER + "\r\n").problems())
                .extracting(HistoryFile.Problem::problem)
                .containsExactly("has no rows under its header");
    }

    @Test
    void aFileOfTooManyRowsIsRefusedWhole() {
        var file = new StringBuilder(HEADER).append("\n");
        for (int i = 0; i <= HistoryFile.MOST_ROWS; i++) {
            file.append("INC-").append(i).append(",2021-06,HATE_INCIDENT,THREATS,CASTLE,,,,,,UPHELD,2021-07-30\n");
        }
        assertThat(parse(file.toString()).problems())
                .extracting(HistoryFile.Problem::problem)
                .containsExactly("has " + (HistoryFile.MOST_ROWS + 1) + " rows; import at most " + HistoryFile.MOST_ROWS
                        + " at a time");
    }

    private static HistoryFile.Parsed parse(String file) {
        return HistoryFile.parse(file.getBytes(StandardCharsets.UTF_8), AREAS, TODAY);
    }
}
