package haven.query.trends;

import java.time.YearMonth;

/** Fixed calendar periods trends are published for; a range always starts and ends on their boundaries. */
enum Granularity {
    MONTH(1),
    QUARTER(3),
    YEAR(12);

    private final int months;

    Granularity(int months) {
        this.months = months;
    }

    YearMonth first(YearMonth month) {
        int index = (month.getMonthValue() - 1) / months * months;
        return YearMonth.of(month.getYear(), index + 1);
    }

    YearMonth last(YearMonth month) {
        return first(month).plusMonths(months - 1L);
    }

    String label(YearMonth month) {
        return switch (this) {
            case MONTH -> month.toString();
            case QUARTER -> month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(month.getYear());
        };
    }
}
