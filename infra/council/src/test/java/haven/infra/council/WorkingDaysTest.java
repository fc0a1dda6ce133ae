package haven.infra.council;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final WorkingDays ENGLAND = new WorkingDays(UkCalendar.ENGLAND_AND_WALES);
    private static final WorkingDays SCOTLAND = new WorkingDays(UkCalendar.SCOTLAND);
    private static final WorkingDays NORTHERN_IRELAND = new WorkingDays(UkCalendar.NORTHERN_IRELAND);

    @Test
    void weekendsDoNotCount() {
        LocalDate friday = LocalDate.parse("2026-11-06");

        assertThat(ENGLAND.after(friday, 1)).isEqualTo("2026-11-09");
        assertThat(ENGLAND.after(friday, 5)).isEqualTo("2026-11-13");
        assertThat(ENGLAND.after(LocalDate.parse("2026-11-07"), 1))
                .as("a report on a Saturday has its first working day on Monday")
                .isEqualTo("2026-11-09");
    }

    @Test
    void noDaysLeavesItDueOnTheDayItself() {
        assertThat(ENGLAND.after(LocalDate.parse("2026-11-07"), 0)).isEqualTo("2026-11-07");
    }

    @Test
    void bankHolidaysAndTheirSubstituteDaysDoNotCount() {
        // 25 December 2026 is a Friday; Boxing Day's substitute is Monday 28 December
        assertThat(ENGLAND.after(LocalDate.parse("2026-12-24"), 1)).isEqualTo("2026-12-29");
        assertThat(ENGLAND.isWorkingDay(LocalDate.parse("2026-12-28"))).isFalse();
        // Easter 2027: Good Friday 26 March, Easter Monday 29 March in England and Wales
        assertThat(ENGLAND.after(LocalDate.parse("2027-03-25"), 1)).isEqualTo("2027-03-30");
    }

    @Test
    void eachNationKeepsItsOwnBankHolidays() {
        LocalDate stAndrewsDayObserved = LocalDate.parse("2026-11-30");
        LocalDate twelfth = LocalDate.parse("2026-07-13");
        LocalDate augustEngland = LocalDate.parse("2026-08-31");
        LocalDate augustScotland = LocalDate.parse("2026-08-03");

        assertThat(SCOTLAND.isWorkingDay(stAndrewsDayObserved)).isFalse();
        assertThat(ENGLAND.isWorkingDay(stAndrewsDayObserved)).isTrue();
        assertThat(NORTHERN_IRELAND.isWorkingDay(twelfth)).isFalse();
        assertThat(ENGLAND.isWorkingDay(twelfth)).isTrue();
        assertThat(SCOTLAND.isWorkingDay(augustScotland)).isFalse();
        assertThat(SCOTLAND.isWorkingDay(augustEngland)).isTrue();
        assertThat(ENGLAND.isWorkingDay(augustEngland)).isFalse();
    }
}
