package haven.query.trends;

import haven.events.EqualityMonitoringReturned;
import haven.events.HistoricalCaseImported;
import haven.events.IntakeChannel;
import haven.events.MonitoringQuestion;
import haven.events.ReportSubmitted;
import haven.infra.council.Areas;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * The categorical facts of one case that trends count: one or more values per dimension and
 * nothing else. The cells it adds one to are "all", each dimension's values and each pair of
 * dimensions' value combinations, so any table of up to two dimensions is a lookup. Cells are
 * grouped by dimensions ({@code category&outcome.BULLYING&UPHELD}), so a table reads only its groups.
 * The characteristics and strands are those staff confirm at triage; what the reporter perceived
 * stays its own dimension.
 */
record CaseFacts(YearMonth reportedIn, Map<TrendDimension, List<String>> values) {

    static final String ALL = "all";

    /** {@code organisation}: the partner it was reported to (the founder's when its events name none). */
    static CaseFacts reported(ReportSubmitted e, YearMonth month, Areas areas, String organisation) {
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        facts.put(TrendDimension.TYPE, List.of(e.type().name()));
        facts.put(TrendDimension.CATEGORY, List.of(e.category().name()));
        facts.put(
                TrendDimension.PERCEIVED,
                names(e.motivations().stream().map(Enum::name).toList()));
        facts.put(TrendDimension.CHARACTERISTIC, List.of(TrendDimension.NONE)); // until staff confirm them
        facts.put(TrendDimension.STRAND, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.LOCATION_TYPE, List.of(e.locationType().name()));
        facts.put(TrendDimension.AREA, List.of(areas.coded(e.area())));
        facts.put(TrendDimension.REPORTER_ROLE, List.of(e.reporterRole().name()));
        // made online by the person, unless the next event says someone recorded it for them
        facts.put(TrendDimension.CHANNEL, List.of(IntakeChannel.ONLINE.name()));
        facts.put(TrendDimension.ROUTE, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.OUTCOME, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.RESOLUTION_TIME, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.RESOLUTION_DEADLINE, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.FIRST_CONTACT, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.RESPONDENT, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.ORGANISATION, List.of(organisation));
        return new CaseFacts(month, facts);
    }

    /** An incident from a council's earlier log, as it ended. */
    static CaseFacts imported(HistoricalCaseImported e, Areas areas, String organisation) {
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        facts.put(TrendDimension.TYPE, List.of(e.type().name()));
        facts.put(TrendDimension.CATEGORY, List.of(e.category().name()));
        facts.put(
                TrendDimension.PERCEIVED,
                names(e.motivations().stream().map(Enum::name).toList()));
        facts.put(
                TrendDimension.CHARACTERISTIC,
                names(e.characteristics().stream().map(Enum::name).toList()));
        facts.put(
                TrendDimension.STRAND,
                names(e.strands().stream().map(Enum::name).toList()));
        facts.put(
                TrendDimension.LOCATION_TYPE,
                List.of(
                        e.locationType() == null
                                ? TrendDimension.NONE
                                : e.locationType().name()));
        facts.put(TrendDimension.AREA, List.of(areas.coded(e.area())));
        facts.put(
                TrendDimension.REPORTER_ROLE,
                List.of(
                        e.reporterRole() == null
                                ? TrendDimension.NONE
                                : e.reporterRole().name()));
        facts.put(TrendDimension.CHANNEL, List.of(TrendDimension.NONE)); // an old log does not say
        facts.put(TrendDimension.ROUTE, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.OUTCOME, List.of(e.outcome().name()));
        facts.put(
                TrendDimension.RESOLUTION_TIME,
                List.of(ResolutionTime.between(e.reportedIn(), YearMonth.from(e.closedOn()))
                        .name()));
        facts.put(
                TrendDimension.RESOLUTION_DEADLINE,
                List.of(TrendDimension.NONE)); // an old log's deadlines are not known
        facts.put(TrendDimension.FIRST_CONTACT, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.RESPONDENT, List.of(TrendDimension.NONE)); // an old log does not say
        facts.put(TrendDimension.ORGANISATION, List.of(organisation));
        return new CaseFacts(e.reportedIn(), facts);
    }

    /** A reporter's monitoring return: their answers ({@link TrendDimension#NONE} where they left a question), the report's type, the partner. */
    static CaseFacts returned(EqualityMonitoringReturned e, YearMonth month, String organisation) {
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        facts.put(TrendDimension.TYPE, List.of(e.type().name()));
        for (var question : MonitoringQuestion.values()) {
            String answer = e.answers().get(question);
            facts.put(
                    TrendDimension.of(question),
                    List.of(answer != null && question.takes(answer) ? answer : TrendDimension.NONE));
        }
        facts.put(TrendDimension.ORGANISATION, List.of(organisation));
        return new CaseFacts(month, facts);
    }

    /** A dimension's one value; null is none recorded. */
    CaseFacts with(TrendDimension dimension, Enum<?> value) {
        return with(dimension, value == null ? Set.of() : Set.of(value));
    }

    /** One more value of a dimension a case can have several of (none recorded no longer). */
    CaseFacts adding(TrendDimension dimension, Enum<?> value) {
        var more = new java.util.ArrayList<>(values.getOrDefault(dimension, List.of()));
        more.remove(TrendDimension.NONE);
        more.add(value.name());
        var changed = new EnumMap<>(values);
        changed.put(dimension, names(more));
        return new CaseFacts(reportedIn, changed);
    }

    /** Not known (any more), e.g. the outcome of a reopened case. */
    CaseFacts without(TrendDimension dimension) {
        return with(dimension, Set.of());
    }

    CaseFacts with(TrendDimension dimension, Set<? extends Enum<?>> chosen) {
        var changed = new EnumMap<>(values);
        changed.put(dimension, names(chosen.stream().map(Enum::name).toList()));
        return new CaseFacts(reportedIn, changed);
    }

    /** Replaces a dimension's values by already-named ones, e.g. an area code. */
    CaseFacts with(TrendDimension dimension, String value) {
        var changed = new EnumMap<>(values);
        changed.put(dimension, List.of(value));
        return new CaseFacts(reportedIn, changed);
    }

    /** The cells a case of {@code population} adds one to. */
    Set<String> cells(Population population) {
        var cells = new LinkedHashSet<String>();
        cells.add(ALL);
        var dimensions = population.dimensions();
        for (int i = 0; i < dimensions.size(); i++) {
            var first = dimensions.get(i);
            for (String v : values.get(first)) {
                cells.add(first.cell(v));
                for (var second : dimensions.subList(i + 1, dimensions.size())) {
                    for (String w : values.get(second)) {
                        cells.add(TrendDimension.cell(first, v, second, w));
                    }
                }
            }
        }
        return cells;
    }

    Document toDocument() {
        var document = new Document("month", reportedIn.toString());
        values.forEach((dimension, vs) -> document.append(dimension.label(), vs));
        return document;
    }

    static CaseFacts from(Document stored) {
        YearMonth month = YearMonth.parse(stored.getString("month"));
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        for (var dimension : TrendDimension.values()) {
            facts.put(dimension, stored.getList(dimension.label(), String.class, List.of(TrendDimension.NONE)));
        }
        return new CaseFacts(month, facts);
    }

    private static List<String> names(List<String> chosen) {
        var sorted = new TreeSet<String>();
        chosen.stream().filter(Objects::nonNull).forEach(sorted::add);
        return sorted.isEmpty() ? List.of(TrendDimension.NONE) : List.copyOf(sorted);
    }
}
