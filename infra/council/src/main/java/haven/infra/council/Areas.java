package haven.infra.council;

import haven.events.ReportType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The areas a report is placed in, from a YAML file the council edits ({@code HAVEN_AREAS}; the
 * bundled example otherwise): wards or localities for hate incidents, directorates for dignity at
 * work, each a stable code and a label. Anything else a report or an old event says about its area
 * is {@link #NOT_CODED}; a reporter who does not know says {@link #NOT_SURE}.
 */
public final class Areas {

    public static final String NOT_SURE = "NOT_SURE";
    public static final String NOT_CODED = "NOT_CODED";

    private static final Pattern CODE = Pattern.compile("[A-Z0-9-]{1,20}");
    private static final int LONGEST_LABEL = 80;
    private static final Map<ReportType, String> SECTIONS =
            Map.of(ReportType.HATE_INCIDENT, "hate-incident", ReportType.DIGNITY_AT_WORK, "dignity-at-work");

    public record Area(String code, String label) {}

    private final Map<ReportType, List<Area>> byType;
    /** An organisation's own areas of a type, where its file gives them (its directorates, say). */
    private final Map<String, Map<ReportType, List<Area>>> ofOrganisation;
    /** Every code of the partnership, whoever's: counts and labels are by code. */
    private final Map<String, Area> byCode;

    private Areas(Map<ReportType, List<Area>> byType, Map<String, Map<ReportType, List<Area>>> ofOrganisation) {
        this.byType = byType;
        this.ofOrganisation = ofOrganisation;
        var codes = new LinkedHashMap<String, Area>();
        byType.values().forEach(areas -> areas.forEach(a -> codes.put(a.code(), a)));
        ofOrganisation
                .values()
                .forEach(own -> own.values().forEach(areas -> areas.forEach(a -> codes.put(a.code(), a))));
        this.byCode = Collections.unmodifiableMap(codes);
    }

    /**
     * These areas with each organisation's own where its file gives them. Codes are the
     * partnership's: one organisation's may not be another's or the areas file's.
     */
    public Areas servedBy(Partnership partnership) {
        var seen = new HashMap<String, String>();
        byType.values().forEach(areas -> areas.forEach(a -> seen.put(a.code(), "the areas file")));
        var own = new LinkedHashMap<String, Map<ReportType, List<Area>>>();
        for (var organisation : partnership.organisations()) {
            for (var areas : organisation.areas().values()) {
                for (var area : areas) {
                    String before = seen.put(area.code(), "organisation " + organisation.id());
                    if (before != null) {
                        throw new IllegalArgumentException("organisation " + organisation.id() + ": the area code "
                                + area.code() + " is also used by " + before + "; each area has its own code");
                    }
                }
            }
            if (!organisation.areas().isEmpty()) {
                own.put(organisation.id(), organisation.areas());
            }
        }
        return new Areas(byType, Map.copyOf(own));
    }

    /** The file at {@code path}, or the bundled example when the path is blank. */
    public static Areas load(String path) {
        String source = path == null || path.isBlank() ? "the bundled areas.yml" : path;
        try (InputStream in = path == null || path.isBlank()
                ? Areas.class.getResourceAsStream("/haven/council/areas.yml")
                : Files.newInputStream(Path.of(path))) {
            return parse(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the areas file " + source + " (HAVEN_AREAS)", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the file, the entry and what is wrong, never guessing
     */
    static Areas parse(InputStream in, String source) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> sections)) {
            throw new IllegalArgumentException(source + " must have the sections " + SECTIONS.values());
        }
        return new Areas(sections(sections, source, true), Map.of());
    }

    /**
     * The sections {@code hate-incident} and {@code dignity-at-work} of an areas file, or of an
     * organisation's {@code areas} (where each is optional: the areas file's serve otherwise).
     */
    static Map<ReportType, List<Area>> sections(Map<?, ?> sections, String source, boolean required) {
        var byType = new EnumMap<ReportType, List<Area>>(ReportType.class);
        var seen = new HashMap<String, String>();
        for (var type : ReportType.values()) {
            String section = SECTIONS.get(type);
            if (!required && sections.get(section) == null) {
                continue;
            }
            if (!(sections.get(section) instanceof List<?> entries) || entries.isEmpty()) {
                throw new IllegalArgumentException(source + ": '" + section + "' must list at least one area");
            }
            var areas = new ArrayList<Area>();
            for (int i = 0; i < entries.size(); i++) {
                String where = source + ": " + section + " entry " + (i + 1);
                if (!(entries.get(i) instanceof Map<?, ?> entry)
                        || !(entry.get("code") instanceof String code)
                        || !(entry.get("label") instanceof String label)) {
                    throw new IllegalArgumentException(where + " must have a code and a label");
                }
                if (!CODE.matcher(code).matches() || code.equals(NOT_SURE) || code.equals(NOT_CODED)) {
                    throw new IllegalArgumentException(where + ": the code must be 1 to 20 capital letters, digits or "
                            + "hyphens, other than " + NOT_SURE + " and " + NOT_CODED);
                }
                if (label.isBlank() || label.length() > LONGEST_LABEL) {
                    throw new IllegalArgumentException(
                            where + ": the label must be 1 to " + LONGEST_LABEL + " characters");
                }
                String before = seen.put(code, where);
                if (before != null) {
                    throw new IllegalArgumentException(where + ": the code " + code + " is also used by " + before);
                }
                areas.add(new Area(code, label.strip()));
            }
            byType.put(type, List.copyOf(areas));
        }
        return Map.copyOf(byType);
    }

    /**
     * The areas a report of this type to {@code organisation} can be placed in, in its file's order:
     * the organisation's own where it has them, the areas file's otherwise (and for null).
     */
    public List<Area> of(String organisation, ReportType type) {
        var own = organisation == null ? null : ofOrganisation.get(organisation);
        return own != null && own.containsKey(type) ? own.get(type) : byType.get(type);
    }

    /** Whether a report of this type to {@code organisation} may say it happened in {@code code} (one of its areas, or not sure). */
    public boolean allows(String organisation, ReportType type, String code) {
        return NOT_SURE.equals(code)
                || of(organisation, type).stream().anyMatch(a -> a.code().equals(code));
    }

    /** The code a stored area counts under: a configured code, not sure, or not coded (free text from before). */
    public String coded(String stored) {
        return stored != null && (byCode.containsKey(stored) || NOT_SURE.equals(stored)) ? stored : NOT_CODED;
    }

    /** Every code a table of areas has a row for: each configured code, then not sure and not coded. */
    public List<String> codes() {
        var codes = new ArrayList<>(byCode.keySet());
        codes.add(NOT_SURE);
        codes.add(NOT_CODED);
        return List.copyOf(codes);
    }

    public Optional<String> label(String code) {
        return switch (code) {
            case NOT_SURE -> Optional.of("Not sure");
            case NOT_CODED -> Optional.of("Not coded");
            default -> Optional.ofNullable(byCode.get(code)).map(Area::label);
        };
    }
}
