package haven.query.trends;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;

/**
 * The periods trends are published for; a range always starts and ends on their boundaries.
 * Quarters are the same three months whether called calendar or financial (April to March years),
 * so they are protected once; only their labels differ.
 */
enum Granularity {
    MONTH("month", 1, 1),
    QUARTER("quarter", 3, 1),
    YEAR("year", 12, 1),
    FINANCIAL_QUARTER("financial-quarter", 3, 4),
    FINANCIAL_YEAR("financial-year", 12, 4);

    private final String label;
    private final int months;
    private final int yearStarts;

    Granularity(String label, int months, int yearStarts) {
        this.label = label;
        this.months = months;
        this.yearStarts = yearStarts;
    }

    static Optional<Granularity> labelled(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst();
    }

    String label() {
        return label;
    }

    YearMonth first(YearMonth month) {
        long sinceYearStart = Math.floorMod(month.getMonthValue() - yearStarts, 12);
        return month.minusMonths(sinceYearStart % months);
    }

    YearMonth last(YearMonth month) {
        return first(month).plusMonths(months - 1L);
    }

    /** The financial year a month belongs to, by the calendar year it starts in. */
    static int financialYear(YearMonth month) {
        return month.getMonthValue() >= 4 ? month.getYear() : month.getYear() - 1;
    }

    String label(YearMonth month) {
        int fy = financialYear(month);
        String financial = fy + "/" + String.format("%02d", (fy + 1) % 100);
        return switch (this) {
            case MONTH -> month.toString();
            case QUARTER -> month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(month.getYear());
            case FINANCIAL_QUARTER -> financial + " Q" + (Math.floorMod(month.getMonthValue() - 4, 12) / 3 + 1);
            case FINANCIAL_YEAR -> financial;
        };
    }
}
