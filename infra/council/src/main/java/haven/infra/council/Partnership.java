package haven.infra.council;

import haven.events.ReportType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The organisations Haven serves together, from files the partnership edits ({@code HAVEN_PARTNERSHIP}:
 * a {@code partnership.yml} naming the partnership, its hate crime service and one file per
 * organisation beside it; the bundled single organisation otherwise, or the bundled demo
 * partnership for {@code demo}). Every case belongs to one organisation and every member of staff to
 * one; nobody sees across. Checked at start-up: a mistake stops the service naming the file and entry.
 */
public final class Partnership {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9._-]{1,60}");
    private static final int LONGEST_NAME = 100;
    private static final String SETTING = "HAVEN_PARTNERSHIP";

    /**
     * One partner: its id (the {@code org} claim of its staff's tokens), name, intake teams and, when it
     * keeps personal data for other periods than the partnership's, its retention periods, and when it
     * works to other service levels or has other areas (its directorates) than the partnership's, its
     * own. A partner
     * {@code leaving} takes no new reports; its officer exports its cases and then erases them
     * (docs/partnership.md).
     */
    public record Organisation(
            String id,
            String name,
            Map<ReportType, String> intakeTeams,
            Optional<Period> keepAfterClosure,
            Optional<Period> keepWhenIdle,
            Optional<ServiceLevels> serviceLevels,
            Map<ReportType, List<Areas.Area>> areas,
            boolean leaving,
            List<SupportService> support) {

        /** Which team's case managers receive a new report of this type: until it is assigned, only they see it. */
        public String intakeTeam(ReportType type) {
            return intakeTeams.get(type);
        }
    }

    /** Who to ask for the site in another format, or about a problem using it (the accessibility statement). */
    public record Contact(String email, Optional<String> phone) {}

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,20}");
    private static final Pattern PHONE = Pattern.compile("[0-9+][0-9 ]{2,19}");

    private final String name;
    private final String hateCrimeService;
    private final Map<String, Organisation> organisations;
    private final List<SupportService> support;
    private final Optional<Contact> accessibilityContact;
    private final List<ReportingCentre> reportingCentres;

    private Partnership(
            String name,
            String hateCrimeService,
            Map<String, Organisation> organisations,
            List<SupportService> support,
            Optional<Contact> accessibilityContact,
            List<ReportingCentre> reportingCentres) {
        this.name = name;
        this.hateCrimeService = hateCrimeService;
        this.organisations = organisations;
        this.support = support;
        this.accessibilityContact = accessibilityContact;
        this.reportingCentres = reportingCentres;
    }

    /**
     * The partnership at {@code setting}: a path to its partnership.yml (or {@code classpath:/…/partnership.yml}),
     * {@code demo}, or blank for one organisation.
     */
    public static Partnership load(String setting) {
        if (setting == null || setting.isBlank()) {
            return fromClasspath("/haven/council/partnership/");
        }
        if (setting.equals("demo")) {
            return fromClasspath("/haven/council/demo-partnership/");
        }
        if (setting.startsWith("classpath:") && setting.endsWith("/partnership.yml")) {
            // files bundled with the service (or its tests)
            return fromClasspath(
                    setting.substring("classpath:".length(), setting.length() - "partnership.yml".length()));
        }
        Path file = Path.of(setting);
        return parse(file.toString(), () -> read(file), name -> read(file.resolveSibling(name)));
    }

    private static Partnership fromClasspath(String folder) {
        return parse(
                "the bundled " + folder + "partnership.yml",
                () -> resource(folder + "partnership.yml"),
                name -> resource(folder + name));
    }

    private interface Opening {
        InputStream open() throws IOException;
    }

    private interface Source {
        InputStream open(String name) throws IOException;
    }

    private static InputStream read(Path file) throws IOException {
        return Files.newInputStream(file);
    }

    private static InputStream resource(String path) throws IOException {
        var in = Partnership.class.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("no such bundled file");
        }
        return in;
    }

    private static Partnership parse(String source, Opening partnershipFile, Source files) {
        Map<?, ?> partnership;
        try (InputStream in = partnershipFile.open()) {
            partnership = yaml(source, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the partnership file " + source + " (" + SETTING + ")", e);
        }
        String name = text(partnership, "name", source, LONGEST_NAME);
        if (!(partnership.get("organisations") instanceof List<?> listed) || listed.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'organisations' must list each organisation's file");
        }
        var organisations = new LinkedHashMap<String, Organisation>();
        for (Object entry : listed) {
            if (!(entry instanceof String file) || !file.matches("[a-z0-9-]{1,60}\\.yml")) {
                throw new IllegalArgumentException(
                        source + ": 'organisations' lists file names like castle-council.yml, beside it");
            }
            Organisation organisation;
            try (InputStream in = files.open(file)) {
                organisation = organisation(file, yaml(file, in));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read " + file + ", listed in " + source + " (" + SETTING + ")", e);
            }
            if (organisations.put(organisation.id(), organisation) != null) {
                throw new IllegalArgumentException(file + ": the id " + organisation.id() + " is another's too");
            }
        }
        String service = partnership.get("hate-crime-service") instanceof String s
                ? s
                : organisations.keySet().iterator().next();
        if (!organisations.containsKey(service)) {
            throw new IllegalArgumentException(
                    source + ": 'hate-crime-service' must be the id of one of its organisations");
        }
        if (organisations.get(service).leaving()) {
            throw new IllegalArgumentException(source + ": the hate crime service " + service
                    + " is leaving; name a partner that stays as 'hate-crime-service' first");
        }
        if (organisations.values().iterator().next().leaving()) {
            throw new IllegalArgumentException(source + ": the first organisation listed runs the partnership's"
                    + " Haven and its cases from before partnerships; it cannot be leaving");
        }
        return new Partnership(
                name,
                service,
                Collections.unmodifiableMap(organisations),
                SupportService.parse(partnership.get("support"), source),
                contact(partnership.get("accessibility-contact"), source),
                ReportingCentre.parse(partnership.get("reporting-centres"), source));
    }

    private static Optional<Contact> contact(Object section, String source) {
        if (section == null) {
            return Optional.empty();
        }
        String rule = source + ": 'accessibility-contact' must give an email address and optionally a phone number";
        if (!(section instanceof Map<?, ?> contact)
                || !(contact.get("email") instanceof String email)
                || !EMAIL.matcher(email.strip()).matches()) {
            throw new IllegalArgumentException(rule);
        }
        Object phone = contact.get("phone");
        if (phone != null
                && !(phone instanceof String number
                        && PHONE.matcher(number.strip()).matches())) {
            throw new IllegalArgumentException(rule);
        }
        return Optional.of(
                new Contact(email.strip(), Optional.ofNullable((String) phone).map(String::strip)));
    }

    private static Organisation organisation(String source, Map<?, ?> file) {
        if (!(file.get("id") instanceof String id) || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    source + ": 'id' must be 2 to 40 small letters, digits or hyphens, e.g. castle-council");
        }
        String name = text(file, "name", source, LONGEST_NAME);
        if (!(file.get("intake-teams") instanceof Map<?, ?> teams)) {
            throw new IllegalArgumentException(
                    source + ": 'intake-teams' must give a team for each of " + Arrays.toString(ReportType.values()));
        }
        var intake = new EnumMap<ReportType, String>(ReportType.class);
        for (var type : ReportType.values()) {
            if (!(teams.get(type.name()) instanceof String team)
                    || !TEAM.matcher(team).matches()) {
                throw new IllegalArgumentException(source + ": intake-teams " + type.name()
                        + " must be a team: 1 to 60 letters, digits, '.', '_' or '-'");
            }
            intake.put(type, team);
        }
        var unknown = new ArrayList<String>();
        teams.keySet().stream()
                .map(String::valueOf)
                .filter(key -> Arrays.stream(ReportType.values())
                        .noneMatch(t -> t.name().equals(key)))
                .forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": intake-teams names no such report type " + unknown);
        }
        return new Organisation(
                id,
                name,
                Map.copyOf(intake),
                period(file, "after-closure", source),
                period(file, "after-inactivity", source),
                serviceLevels(file, source),
                areas(file, source),
                leaving(file, source),
                SupportService.parse(file.get("support"), source));
    }

    /** Its own areas of a type (its directorates, say), where it has them: {@code areas} as in the areas file. */
    private static Map<ReportType, List<Areas.Area>> areas(Map<?, ?> file, String source) {
        Object section = file.get("areas");
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> sections)) {
            throw new IllegalArgumentException(source + ": 'areas' must give hate-incident and/or dignity-at-work");
        }
        return Areas.sections(sections, source + ": areas", false);
    }

    private static Optional<ServiceLevels> serviceLevels(Map<?, ?> file, String source) {
        Object section = file.get("service-levels");
        if (section == null) {
            return Optional.empty();
        }
        if (!(section instanceof Map<?, ?> levels)) {
            throw new IllegalArgumentException(
                    source + ": 'service-levels' must give triage-days, first-contact-days, resolution-days"
                            + " and inactivity-days");
        }
        return Optional.of(ServiceLevels.parse(levels, source));
    }

    private static boolean leaving(Map<?, ?> file, String source) {
        Object leaving = file.get("leaving");
        if (leaving != null && !(leaving instanceof Boolean)) {
            throw new IllegalArgumentException(source + ": 'leaving' must be true or false");
        }
        return Boolean.TRUE.equals(leaving);
    }

    /** A retention period from the file's {@code retention} section, if it gives one: one to twenty years. */
    private static Optional<Period> period(Map<?, ?> file, String key, String source) {
        if (file.get("retention") == null) {
            return Optional.empty();
        }
        if (!(file.get("retention") instanceof Map<?, ?> retention)) {
            throw new IllegalArgumentException(
                    source + ": 'retention' must give after-closure and/or after-inactivity");
        }
        if (retention.get(key) == null) {
            return Optional.empty();
        }
        Period period;
        try {
            period = Period.parse(String.valueOf(retention.get(key)));
        } catch (RuntimeException notAPeriod) {
            period = null;
        }
        var from = java.time.LocalDate.of(2000, 1, 1);
        if (period == null
                || from.plus(period).isBefore(from.plusYears(1))
                || from.plus(period).isAfter(from.plusYears(20))) {
            throw new IllegalArgumentException(
                    source + ": retention " + key + " must be a period of one to twenty years, like P6Y");
        }
        return Optional.of(period);
    }

    private static Map<?, ?> yaml(String source, InputStream in) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + " must be a YAML mapping (name: ..., and so on)");
        }
        return map;
    }

    private static String text(Map<?, ?> map, String key, String source, int longest) {
        if (!(map.get(key) instanceof String value) || value.isBlank() || value.length() > longest) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be 1 to " + longest + " characters");
        }
        return value.strip();
    }

    public String name() {
        return name;
    }

    public Optional<Contact> accessibilityContact() {
        return accessibilityContact;
    }

    /** The partnership's own support services, for every reporter, whatever they report and to whom. */
    public List<SupportService> support() {
        return support;
    }

    /** The support for a report of this type to this organisation: the partnership's, then the organisation's own. */
    public List<SupportService> supportFor(String organisation, ReportType type) {
        var services = new ArrayList<>(support);
        organisation(organisationOf(organisation)).ifPresent(o -> services.addAll(o.support()));
        return services.stream().filter(service -> service.helpsWith(type)).toList();
    }

    /** The third-party reporting centres that record reports for people, in the order the file lists them. */
    public List<ReportingCentre> reportingCentres() {
        return reportingCentres;
    }

    public Optional<ReportingCentre> reportingCentre(String id) {
        return reportingCentres.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The organisation a hate incident is reported to unless the reporter names another partner. */
    public Organisation hateCrimeService() {
        return organisations.get(hateCrimeService);
    }

    public Optional<Organisation> organisation(String id) {
        return Optional.ofNullable(id).map(organisations::get);
    }

    /** In the order the partnership file lists them. */
    public List<Organisation> organisations() {
        return List.copyOf(organisations.values());
    }

    /** The organisations other than the founder, in the order the partnership file lists them. */
    public List<Organisation> partners() {
        var all = organisations();
        return all.subList(1, all.size());
    }

    /** The organisations a reporter can tell: all but those leaving. */
    public List<Organisation> takingReports() {
        return organisations.values().stream().filter(o -> !o.leaving()).toList();
    }

    /**
     * The first organisation the partnership file lists: the one that ran Haven before it served a
     * partnership, whose are the cases recorded before then (their events name no organisation).
     */
    public Organisation founder() {
        return organisations.values().iterator().next();
    }

    /** Whose a case is: what its events recorded, or the founder's when they recorded none (from before partnerships). */
    public String organisationOf(String recorded) {
        return recorded == null ? founder().id() : recorded;
    }

    /**
     * What a stored row or entry of this organisation's may say its organisation is: the founder's
     * from before partnerships say nothing. For a query: {@code in(field, recordedAs(id))}.
     */
    public List<String> recordedAs(String organisation) {
        return organisation.equals(founder().id()) ? Arrays.asList(organisation, null) : List.of(organisation);
    }

    /** With one organisation, a token that names none is its staff's; with several, a token must name one. */
    public Optional<String> organisationOfTokensNamingNone() {
        return organisations.size() == 1 ? Optional.of(founder().id()) : Optional.empty();
    }
}
