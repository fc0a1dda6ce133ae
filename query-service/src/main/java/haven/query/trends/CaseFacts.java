package haven.query.trends;

import haven.events.Motivation;
import haven.events.ReportSubmitted;
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
 */
record CaseFacts(YearMonth reportedIn, Map<TrendDimension, List<String>> values) {

    static final String ALL = "all";

    static CaseFacts reported(ReportSubmitted e, YearMonth month) {
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        facts.put(TrendDimension.TYPE, List.of(e.type().name()));
        facts.put(TrendDimension.CATEGORY, List.of(e.category().name()));
        facts.put(TrendDimension.CHARACTERISTIC, names(e.motivations().stream().map(CaseFacts::characteristic).toList()));
        facts.put(TrendDimension.STRAND, names(e.motivations().stream().map(CaseFacts::strand).toList()));
        facts.put(TrendDimension.LOCATION_TYPE, List.of(e.locationType().name()));
        facts.put(TrendDimension.AREA, List.of(e.area().strip()));
        facts.put(TrendDimension.REPORTER_ROLE, List.of(e.reporterRole().name()));
        facts.put(TrendDimension.ROUTE, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.OUTCOME, List.of(TrendDimension.NONE));
        facts.put(TrendDimension.RESOLUTION_TIME, List.of(TrendDimension.NONE));
        return new CaseFacts(month, facts);
    }

    CaseFacts with(TrendDimension dimension, Enum<?> value) {
        return with(dimension, Set.of(value));
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

    Set<String> cells() {
        var cells = new LinkedHashSet<String>();
        cells.add(ALL);
        var dimensions = List.copyOf(values.keySet());
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

    Document toDocument(long sequence) {
        var document = new Document("month", reportedIn.toString()).append("seq", sequence);
        values.forEach((dimension, vs) -> document.append(dimension.label(), vs));
        return document;
    }

    static CaseFacts from(Document stored) {
        YearMonth month = YearMonth.parse(stored.getString("month"));
        var facts = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        for (var dimension : TrendDimension.values()) {
            facts.put(dimension, stored.getList(dimension.label(), String.class));
        }
        return new CaseFacts(month, facts);
    }

    private static List<String> names(List<String> chosen) {
        var sorted = new TreeSet<String>();
        chosen.stream().filter(Objects::nonNull).forEach(sorted::add);
        return sorted.isEmpty() ? List.of(TrendDimension.NONE) : List.copyOf(sorted);
    }

    /** What the reporter perceived, until triage confirms the protected characteristics. */
    private static String characteristic(Motivation m) {
        return switch (m) {
            case TRANSGENDER_IDENTITY -> "GENDER_REASSIGNMENT";
            case ALTERNATIVE_SUBCULTURE, OTHER -> null;
            default -> m.name();
        };
    }

    private static String strand(Motivation m) {
        return switch (m) {
            case RACE, SEXUAL_ORIENTATION, DISABILITY, TRANSGENDER_IDENTITY, ALTERNATIVE_SUBCULTURE -> m.name();
            case RELIGION_OR_BELIEF -> "RELIGION";
            case GENDER_REASSIGNMENT -> "TRANSGENDER_IDENTITY";
            case SEX -> "SEX_OR_GENDER";
            default -> null;
        };
    }
}
