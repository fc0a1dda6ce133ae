package haven.query.trends;

import haven.events.Category;
import haven.events.IntakeChannel;
import haven.events.LocationType;
import haven.events.MonitoredStrand;
import haven.events.MonitoringQuestion;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RespondentRelationship;
import haven.events.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a trend can be broken down by. Each is categorical; {@link #NONE} stands for "none
 * recorded" (an imported incident's old log may not say where it happened or who reported it). The reporter's perceived motivations are kept as they were reported, beside the
 * characteristics and strands staff confirm: perception-based recording. Outcome and time to
 * resolve are known of resolved cases only, so tables by them count the cases resolved in a period.
 */
enum TrendDimension {
    TYPE("type", ReportType.class, false),
    CATEGORY("category", Category.class, false),
    PERCEIVED("perceived-motivation", Motivation.class, true),
    CHARACTERISTIC("characteristic", ProtectedCharacteristic.class, true),
    STRAND("strand", MonitoredStrand.class, true),
    LOCATION_TYPE("location-type", LocationType.class, true),
    AREA("area", null, false),
    REPORTER_ROLE("reporter-role", ReporterRole.class, true),
    /** how it reached Haven: online by the person, or recorded for them (by phone, at a reporting centre…) */
    CHANNEL("channel", IntakeChannel.class, true),
    ROUTE("route", Route.class, true),
    OUTCOME("outcome", Outcome.class, true),
    RESOLUTION_TIME("resolution-time", ResolutionTime.class, true),
    RESOLUTION_DEADLINE("resolution-deadline", Deadlines.Deadline.class, true),
    FIRST_CONTACT("first-contact", Deadlines.Deadline.class, true),
    /**
     * who the people complained about are to the reporter (a case may have several), known by the
     * time it is resolved: counted of resolved cases, as they are usually named during the investigation
     */
    RESPONDENT("respondent", RespondentRelationship.class, true),
    /* the reporters' own answers to the optional monitoring questions: of monitoring returns only */
    AGE(MonitoringQuestion.AGE),
    SEX(MonitoringQuestion.SEX),
    GENDER_IDENTITY(MonitoringQuestion.GENDER_IDENTITY),
    ETHNICITY(MonitoringQuestion.ETHNICITY),
    DISABILITY(MonitoringQuestion.DISABILITY),
    RELIGION(MonitoringQuestion.RELIGION),
    SEXUAL_ORIENTATION(MonitoringQuestion.SEXUAL_ORIENTATION),
    /** the partner the case belongs to: the partnership's board only (last, so the other cells keep their names) */
    ORGANISATION("organisation", null, false);

    static final String NONE = "NONE";

    private final String label;
    /** Every value, "none recorded" included where a case may have none; null where configured. */
    private final List<String> known;

    private final MonitoringQuestion question;

    TrendDimension(String label, Class<? extends Enum<?>> values, boolean mayBeNone) {
        this.label = label;
        this.question = null;
        if (values == null) {
            this.known = null;
        } else {
            var names = Arrays.stream(values.getEnumConstants()).map(Enum::name);
            this.known = (mayBeNone ? Stream.concat(names, Stream.of(NONE)) : names).toList();
        }
    }

    /** A monitoring question's answers; {@link #NONE} is a return that left it unanswered. */
    TrendDimension(MonitoringQuestion question) {
        this.label = question.name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.question = question;
        this.known = Stream.concat(question.answers().stream(), Stream.of(NONE)).toList();
    }

    /** The name used in requests, responses and the stored per-case facts. */
    String label() {
        return label;
    }

    static Optional<TrendDimension> labelled(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }

    /** Whether a case can have several values (and so count in several rows, which add up to at least the total). */
    boolean multiValued() {
        return this == PERCEIVED || this == CHARACTERISTIC || this == STRAND || this == RESPONDENT;
    }

    /** Whether only resolved cases have a value. */
    boolean ofResolvedCases() {
        return this == OUTCOME
                || this == RESOLUTION_TIME
                || this == RESOLUTION_DEADLINE
                || this == FIRST_CONTACT
                || this == RESPONDENT;
    }

    /** Every value a table shows a row for, zeros included; {@code null} for area and organisation, which are configured. */
    List<String> knownValues() {
        return known;
    }

    /** Whether it is a reporter's answer to a monitoring question, counted of monitoring returns only. */
    boolean ofMonitoringReturns() {
        return question != null;
    }

    /** The dimension of a monitoring question's answers. */
    static TrendDimension of(MonitoringQuestion question) {
        return valueOf(question.name());
    }

    /** The stored cell of one value, e.g. {@code category.BULLYING}: group, then value. */
    String cell(String value) {
        return label + "." + encode(value);
    }

    /** The stored cell of two dimensions' values, in declaration order: {@code category&outcome.BULLYING&UPHELD}. */
    static String cell(TrendDimension first, String v, TrendDimension second, String w) {
        return first.ordinal() < second.ordinal()
                ? first.label + "&" + second.label + "." + encode(v) + "&" + encode(w)
                : cell(second, w, first, v);
    }

    /** The stored cell a table's entry counts: the values that are not ALL, e.g. {@code category.BULLYING}; "all" for none. */
    static String cellOf(List<TrendDimension> dimensions, List<String> values) {
        var named = new ArrayList<TrendDimension>();
        var namedValues = new ArrayList<String>();
        for (int d = 0; d < dimensions.size(); d++) {
            if (!values.get(d).equals(TrendTable.ALL)) {
                named.add(dimensions.get(d));
                namedValues.add(values.get(d));
            }
        }
        return switch (named.size()) {
            case 0 -> CaseFacts.ALL;
            case 1 -> named.get(0).cell(namedValues.get(0));
            default -> cell(named.get(0), namedValues.get(0), named.get(1), namedValues.get(1));
        };
    }

    /** The stored group of cells a table of these dimensions reads. */
    static String group(List<TrendDimension> dimensions) {
        return dimensions.stream().sorted().map(d -> d.label).collect(Collectors.joining("&"));
    }

    /** Values become Mongo field names: no dots, no leading dollar, no separators. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace(".", "%2E")
                .replace("*", "%2A");
    }
}
