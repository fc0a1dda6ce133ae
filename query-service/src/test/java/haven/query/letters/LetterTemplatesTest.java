package haven.query.letters;

import static org.assertj.core.api.Assertions.assertThat;

import haven.events.LetterKind;
import haven.query.letters.LetterTemplates.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template's fields are filled with text and nothing else: no value and no template is ever evaluated. */
class LetterTemplatesTest {

    @Test
    void theBundledOutcomeLetterIsFilledWithTheCasesValues() {
        String letter = new LetterTemplates("")
                .fill(
                        LetterKind.OUTCOME,
                        Map.of(
                                Field.DATE, "3 December 2026",
                                Field.REFERENCE, "HV-7K3M-Q9",
                                Field.OUTCOME, "not upheld",
                                Field.APPEAL_UNTIL, "31 December 2026",
                                Field.ORGANISATION, "Castle District Council"));

        assertThat(letter)
                .startsWith("3 December 2026")
                .contains("Your report HV-7K3M-Q9: the outcome", "The outcome is: not upheld.")
                .contains("you can appeal until 31 December 2026")
                .endsWith("Castle District Council")
                .doesNotContain("{{");
    }

    @Test
    void aCouncilsOwnTemplateIsUsedAndNothingInItOrInACaseIsEvaluated(@TempDir Path folder) throws Exception {
        Files.writeString(
                folder.resolve("acknowledgement.txt"),
                "Dear reporter, about {{reference}} ${7*7} [[${7*7}]] {{unknownField}} {{summary}}");

        String letter = new LetterTemplates(folder.toString())
                .fill(
                        LetterKind.ACKNOWLEDGEMENT,
                        Map.of(
                                Field.REFERENCE,
                                "${T(java.lang.Runtime).getRuntime()} {{summary}}",
                                Field.SUMMARY,
                                "$1 \\"));

        assertThat(letter)
                .isEqualTo("Dear reporter, about ${T(java.lang.Runtime).getRuntime()} {{summary}} ${7*7} [[${7*7}]]"
                        + " {{unknownField}} $1 \\");
    }
}
