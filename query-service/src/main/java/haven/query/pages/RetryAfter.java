package haven.query.pages;

import haven.infra.security.TooManyAttempts;

/** A {@code Retry-After} in seconds, as a page says it. */
final class RetryAfter {

    private RetryAfter() {}

    /** "a minute", "15 minutes"; "a few minutes" when the header is missing or not a number of seconds. */
    static String inWords(String seconds) {
        if (seconds == null || !seconds.matches("\\d{1,9}")) {
            return "a few minutes";
        }
        return TooManyAttempts.inWords(Long.parseLong(seconds));
    }
}
