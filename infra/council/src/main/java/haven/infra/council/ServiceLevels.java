package haven.infra.council;

import haven.events.RiskLevel;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many days after triage a case of each risk should have its first contact and its resolution
 * by: the partnership's ({@code haven.sla}), or an organisation's own from its file.
 */
public record ServiceLevels(Map<RiskLevel, Integer> firstContactDays, Map<RiskLevel, Integer> resolutionDays) {

    private static final int LONGEST = 365;

    public LocalDate firstContactDue(RiskLevel risk, LocalDate triagedOn) {
        return triagedOn.plusDays(firstContactDays.get(risk));
    }

    public LocalDate resolutionDue(RiskLevel risk, LocalDate triagedOn) {
        return triagedOn.plusDays(resolutionDays.get(risk));
    }

    /** An organisation file's {@code service-levels} section, or a refusal naming the file and entry. */
    static ServiceLevels parse(Map<?, ?> section, String source) {
        var firstContact = days(section.get("first-contact-days"), source + ": service-levels first-contact-days");
        var resolution = days(section.get("resolution-days"), source + ": service-levels resolution-days");
        for (RiskLevel risk : RiskLevel.values()) {
            if (resolution.get(risk) < firstContact.get(risk)) {
                throw new IllegalArgumentException(source + ": service-levels resolution-days " + risk
                        + " must not be fewer than its first-contact-days");
            }
        }
        return new ServiceLevels(Map.copyOf(firstContact), Map.copyOf(resolution));
    }

    private static Map<RiskLevel, Integer> days(Object given, String where) {
        String rule = where + " must give whole days from 1 to " + LONGEST + " for each of LOW, MEDIUM and HIGH";
        if (!(given instanceof Map<?, ?> byRisk) || byRisk.size() != RiskLevel.values().length) {
            throw new IllegalArgumentException(rule);
        }
        var days = new EnumMap<RiskLevel, Integer>(RiskLevel.class);
        for (RiskLevel risk : RiskLevel.values()) {
            if (!(byRisk.get(risk.name()) instanceof Integer n) || n < 1 || n > LONGEST) {
                throw new IllegalArgumentException(rule);
            }
            days.put(risk, n);
        }
        return days;
    }
}
