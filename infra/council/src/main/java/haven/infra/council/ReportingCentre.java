package haven.infra.council;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A third-party reporting centre (a library, a charity, a housing office) whose people record
 * reports for those who come to them. Its {@code id} is the {@code team} claim of their sign-in,
 * under the {@code REPORTING_CENTRE} role; they see only the status of the reports it recorded.
 */
public record ReportingCentre(String id, String name) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    private static final int LONGEST_NAME = 100;

    /** The {@code reporting-centres} list of a partnership file, each with an id and a name. */
    static List<ReportingCentre> parse(Object section, String source) {
        if (section == null) {
            return List.of();
        }
        String rule = source
                + ": 'reporting-centres' lists centres, each with an 'id' (2 to 40 small letters, digits or"
                + " hyphens) and a 'name' (1 to " + LONGEST_NAME + " characters), ids not repeated";
        if (!(section instanceof List<?> listed)) {
            throw new IllegalArgumentException(rule);
        }
        var centres = new ArrayList<ReportingCentre>();
        for (Object entry : listed) {
            if (!(entry instanceof Map<?, ?> centre)
                    || !(centre.get("id") instanceof String id)
                    || !ID.matcher(id).matches()
                    || !(centre.get("name") instanceof String name)
                    || name.isBlank()
                    || name.length() > LONGEST_NAME
                    || centres.stream().anyMatch(c -> c.id().equals(id))) {
                throw new IllegalArgumentException(rule);
            }
            centres.add(new ReportingCentre(id, name.strip()));
        }
        return List.copyOf(centres);
    }
}
