package haven.query.pages;

/** A {@code Retry-After} in seconds, as the minutes a page says to wait. */
final class RetryAfter {

    /** When the header is missing or not a number of seconds. */
    private static final int A_FEW_MINUTES = 5;

    private RetryAfter() {}

    /** Whole minutes, at least one: a message says "in a minute", "in 15 minutes". */
    static long minutes(String seconds) {
        if (seconds == null || !seconds.matches("\\d{1,9}")) {
            return A_FEW_MINUTES;
        }
        return Math.max(1, (Long.parseLong(seconds) + 59) / 60);
    }
}
