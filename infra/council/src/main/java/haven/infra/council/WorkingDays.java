package haven.infra.council;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Monday to Friday except the bank holidays of a UK nation, from Jollyday's maintained calendar (its
 * substitute days included), so that "5 working days" means what a council's policy means.
 */
public final class WorkingDays {

    private final HolidayManager holidays =
            HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));
    private final UkCalendar calendar;
    private final Map<Integer, Set<LocalDate>> bankHolidaysByYear = new ConcurrentHashMap<>();

    public WorkingDays(UkCalendar calendar) {
        this.calendar = calendar;
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY
                && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays(day.getYear()).contains(day);
    }

    /**
     * The day {@code days} working days after {@code from}: a report received on a Friday with two
     * working days to answer is due on Tuesday; none leaves it due on the day itself.
     */
    public LocalDate after(LocalDate from, int days) {
        LocalDate day = from;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private Set<LocalDate> bankHolidays(int year) {
        return bankHolidaysByYear.computeIfAbsent(
                year,
                y -> holidays.getHolidays(Year.of(y), calendar.subdivision).stream()
                        .map(Holiday::getDate)
                        .collect(Collectors.toUnmodifiableSet()));
    }
}
