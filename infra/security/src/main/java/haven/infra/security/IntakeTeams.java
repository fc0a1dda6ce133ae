package haven.infra.security;

import haven.events.ReportType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which team's case managers receive a new report, by its type ({@code HAVEN_INTAKE_TEAMS}, e.g.
 * {@code HATE_INCIDENT=community-safety,DIGNITY_AT_WORK=hr}): until a case is assigned, only they
 * see it. Every type must have a team, so no report waits where nobody looks.
 */
public final class IntakeTeams {

    private static final Pattern ENTRY = Pattern.compile("([A-Z_]+)=([A-Za-z0-9._-]{1,60})");
    private static final String SETTING = "haven.intake-teams (HAVEN_INTAKE_TEAMS)";

    private final Map<ReportType, String> teamByType;

    private IntakeTeams(Map<ReportType, String> teamByType) {
        this.teamByType = teamByType;
    }

    /**
     * @param setting comma-separated {@code TYPE=team} pairs
     * @throws IllegalArgumentException naming what is wrong, at start-up
     */
    public static IntakeTeams parse(String setting) {
        var teams = new EnumMap<ReportType, String>(ReportType.class);
        for (String entry : setting.split(",")) {
            var pair = ENTRY.matcher(entry.trim());
            if (!pair.matches()
                    || Arrays.stream(ReportType.values())
                            .noneMatch(t -> t.name().equals(pair.group(1)))) {
                throw new IllegalArgumentException(SETTING + " must be TYPE=team pairs separated by commas, for the "
                        + "types " + Arrays.toString(ReportType.values())
                        + "; a team is letters, digits, '.', '_' or '-'");
            }
            teams.put(ReportType.valueOf(pair.group(1)), pair.group(2));
        }
        var missing = new TreeSet<String>();
        Arrays.stream(ReportType.values()).filter(t -> !teams.containsKey(t)).forEach(t -> missing.add(t.name()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " gives no team for " + missing);
        }
        return new IntakeTeams(teams);
    }

    public String teamFor(ReportType type) {
        return teamByType.get(type);
    }
}
