package haven.command.cases;

import haven.events.RiskLevel;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The organisation's configured service levels and appeal window. */
@ConfigurationProperties("haven")
record CasePolicy(Duration appealWindow, Sla sla) {

    record Sla(Map<RiskLevel, Integer> firstContactDays, Map<RiskLevel, Integer> resolutionDays) {}

    LocalDate firstContactDue(RiskLevel risk, LocalDate triagedOn) {
        return triagedOn.plusDays(sla.firstContactDays().get(risk));
    }

    LocalDate resolutionDue(RiskLevel risk, LocalDate triagedOn) {
        return triagedOn.plusDays(sla.resolutionDays().get(risk));
    }
}
