package haven.events;

import java.util.List;

/**
 * The optional equality monitoring questions a reporter may answer after reporting, with the
 * answers the ONS harmonised standards and GOV.UK guidance give (high-level groups, so that no
 * answer is rare enough to point at someone), each with "prefer not to say". Codes never change
 * meaning: counts are kept by them.
 */
public enum MonitoringQuestion {
    AGE("UNDER_18", "FROM_18_TO_24", "FROM_25_TO_34", "FROM_35_TO_44", "FROM_45_TO_54", "FROM_55_TO_64", "FROM_65"),
    SEX("FEMALE", "MALE"),
    /** Whether the gender they identify with is the same as their sex registered at birth (ONS 2021). */
    GENDER_IDENTITY("SAME_AS_AT_BIRTH", "DIFFERENT_FROM_BIRTH"),
    ETHNICITY("ASIAN_OR_ASIAN_BRITISH", "BLACK_BRITISH_CARIBBEAN_OR_AFRICAN", "MIXED_OR_MULTIPLE", "WHITE", "OTHER"),
    /** A physical or mental health condition lasting or expected to last 12 months or more (GSS harmonised). */
    DISABILITY("YES", "NO"),
    RELIGION("NO_RELIGION", "CHRISTIAN", "BUDDHIST", "HINDU", "JEWISH", "MUSLIM", "SIKH", "OTHER"),
    SEXUAL_ORIENTATION("STRAIGHT_OR_HETEROSEXUAL", "GAY_OR_LESBIAN", "BISEXUAL", "OTHER");

    /** Every question also takes this: a declared wish not to say, counted apart from no answer. */
    public static final String PREFER_NOT_TO_SAY = "PREFER_NOT_TO_SAY";

    private final List<String> answers;

    MonitoringQuestion(String... answers) {
        this.answers = List.of(answers);
    }

    /** Its answers in the order they are offered, "prefer not to say" last. */
    public List<String> answers() {
        return java.util.stream.Stream.concat(answers.stream(), java.util.stream.Stream.of(PREFER_NOT_TO_SAY))
                .toList();
    }

    public boolean takes(String answer) {
        return answers().contains(answer);
    }
}
