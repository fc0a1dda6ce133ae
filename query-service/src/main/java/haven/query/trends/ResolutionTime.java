package haven.query.trends;

/**
 * How long a case took to resolve, in calendar months from the month it was reported. Counted in
 * months because the trend view holds no date finer than a month.
 */
enum ResolutionTime {
    SAME_MONTH,
    NEXT_MONTH,
    TWO_TO_THREE_MONTHS,
    FOUR_MONTHS_OR_MORE;

    static ResolutionTime between(java.time.YearMonth reported, java.time.YearMonth resolved) {
        long months = java.time.temporal.ChronoUnit.MONTHS.between(reported, resolved);
        if (months <= 0) {
            return SAME_MONTH;
        }
        return months == 1 ? NEXT_MONTH : months <= 3 ? TWO_TO_THREE_MONTHS : FOUR_MONTHS_OR_MORE;
    }
}
