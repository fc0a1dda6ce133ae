package haven.command.cases;

import java.util.List;
import java.util.Locale;

/**
 * A text with passages masked before it is shared: every occurrence of each passage to hide (in
 * any letter case) becomes as many █ as it has characters, so the copy shows where something was
 * hidden and how long it was, never what. The original is never changed: a redaction masks copies
 * of the case's texts ({@link CaseTexts}) here, on the command side.
 */
final class Redaction {

    static final char MASK = '█';

    private Redaction() {}

    static String mask(String text, List<String> hide) {
        char[] masked = text.toCharArray();
        // letter case is ignored where that keeps every position (a few letters change length with their case)
        String lower = text.toLowerCase(Locale.ROOT);
        boolean anyCase = lower.length() == text.length();
        String haystack = anyCase ? lower : text;
        for (String passage : hide) {
            String stripped = passage.strip();
            String wanted = anyCase ? stripped.toLowerCase(Locale.ROOT) : stripped;
            if (wanted.isEmpty() || wanted.length() != stripped.length()) {
                continue;
            }
            for (int at = haystack.indexOf(wanted); at >= 0; at = haystack.indexOf(wanted, at + 1)) {
                for (int i = at; i < at + wanted.length(); i++) {
                    masked[i] = MASK;
                }
            }
        }
        return new String(masked);
    }

    /** How many characters the masking hid. */
    static int masked(String original, String masked) {
        int count = 0;
        for (int i = 0; i < masked.length(); i++) {
            if (masked.charAt(i) == MASK && original.charAt(i) != MASK) {
                count++;
            }
        }
        return count;
    }
}
