package haven.command.cases;

import haven.infra.council.ServiceLevels;
import haven.infra.council.UkCalendar;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The partnership's appeal window, service levels, the calendar its working days follow, and how
 * long after closure the reporter is asked whether anything has happened since.
 */
@ConfigurationProperties("haven")
record CasePolicy(Duration appealWindow, ServiceLevels sla, UkCalendar calendar, Period checkInAfter) {}
