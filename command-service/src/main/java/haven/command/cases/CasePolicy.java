package haven.command.cases;

import haven.infra.council.ServiceLevels;
import haven.infra.council.UkCalendar;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The partnership's appeal window, service levels and the calendar its working days follow. */
@ConfigurationProperties("haven")
record CasePolicy(Duration appealWindow, ServiceLevels sla, UkCalendar calendar) {}
