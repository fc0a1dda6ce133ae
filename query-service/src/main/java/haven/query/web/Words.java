package haven.query.web;

import java.util.Locale;

/** Enum values as people read them: {@code VERBAL_ABUSE} is "verbal abuse". */
public final class Words {

    private Words() {
    }

    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
