package haven.query.caseload;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A case reference as reporters are given them ({@code HV-7K3M-Q9}): no 0/O, 1/I/L or U. */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("HV-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}");

    private References() {}

    /** The reference as stored, however it was typed (spaces around it, lower case); empty if it cannot be one. */
    public static Optional<String> wellFormed(String typed) {
        if (typed == null || typed.length() > 20) {
            return Optional.empty();
        }
        String reference = typed.strip().toUpperCase(Locale.ROOT);
        return REFERENCE.matcher(reference).matches() ? Optional.of(reference) : Optional.empty();
    }
}
