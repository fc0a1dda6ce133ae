package haven.infra.council;

import haven.events.RiskLevel;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * How soon a report is due for triage, its reporter for a first contact and its case for resolution,
 * in working days from its receipt (from its reopening, for a reopened case), by risk; and after how
 * many working days without activity an open case is escalated. The partnership's ({@code haven.sla}),
 * or an organisation's own from its file.
 */
public record ServiceLevels(
        int triageDays,
        Map<RiskLevel, Integer> firstContactDays,
        Map<RiskLevel, Integer> resolutionDays,
        int inactivityDays) {

    private static final int LONGEST = 365;

    public LocalDate triageDue(LocalDate receivedOn, WorkingDays workingDays) {
        return workingDays.after(receivedOn, triageDays);
    }

    public LocalDate firstContactDue(RiskLevel risk, LocalDate from, WorkingDays workingDays) {
        return workingDays.after(from, firstContactDays.get(risk));
    }

    public LocalDate resolutionDue(RiskLevel risk, LocalDate from, WorkingDays workingDays) {
        return workingDays.after(from, resolutionDays.get(risk));
    }

    /** An organisation file's {@code service-levels} section, or a refusal naming the file and entry. */
    static ServiceLevels parse(Map<?, ?> section, String source) {
        String where = source + ": service-levels ";
        var firstContact = byRisk(section.get("first-contact-days"), where + "first-contact-days");
        var resolution = byRisk(section.get("resolution-days"), where + "resolution-days");
        for (RiskLevel risk : RiskLevel.values()) {
            if (resolution.get(risk) < firstContact.get(risk)) {
                throw new IllegalArgumentException(
                        where + "resolution-days " + risk + " must not be fewer than its first-contact-days");
            }
        }
        return new ServiceLevels(
                days(section.get("triage-days"), where + "triage-days"),
                Map.copyOf(firstContact),
                Map.copyOf(resolution),
                days(section.get("inactivity-days"), where + "inactivity-days"));
    }

    private static int days(Object given, String where) {
        if (!(given instanceof Integer n) || n < 0 || n > LONGEST) {
            throw new IllegalArgumentException(where + " must give whole working days from 0 to " + LONGEST);
        }
        return n;
    }

    private static Map<RiskLevel, Integer> byRisk(Object given, String where) {
        String rule =
                where + " must give whole working days from 0 to " + LONGEST + " for each of LOW, MEDIUM and HIGH";
        if (!(given instanceof Map<?, ?> byRisk) || byRisk.size() != RiskLevel.values().length) {
            throw new IllegalArgumentException(rule);
        }
        var days = new EnumMap<RiskLevel, Integer>(RiskLevel.class);
        for (RiskLevel risk : RiskLevel.values()) {
            if (!(byRisk.get(risk.name()) instanceof Integer n) || n < 0 || n > LONGEST) {
                throw new IllegalArgumentException(rule);
            }
            days.put(risk, n);
        }
        return days;
    }
}
