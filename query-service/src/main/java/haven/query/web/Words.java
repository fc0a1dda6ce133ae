package haven.query.web;

import java.util.Locale;

/** Enum values as people read them: {@code VERBAL_ABUSE} is "verbal abuse". */
public final class Words {

    private Words() {}

    public static String of(Enum<?> value) {
        return value == null ? null : ofName(value.name());
    }

    /** With a capital letter, to start a sentence. */
    public static String capitalised(Enum<?> value) {
        String words = of(value);
        return words == null || words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** An enum value's name, such as a view stores it. */
    public static String ofName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
