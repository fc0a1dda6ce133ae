package haven.query.trends;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/** Reads the month documents a query covers, by key, and publishes one protected table per period. */
@Component
class TrendReader {

    record Report(String period, String from, String to, List<String> dimensions, int threshold, int roundTo,
            List<TrendTable.Cell> cells) {
    }

    private final MongoCollection<Document> months;
    private final TrendPolicy policy;

    TrendReader(MongoDatabase havenDatabase, TrendPolicy policy) {
        this.months = havenDatabase.getCollection(TrendProjection.MONTHS);
        this.policy = policy;
    }

    Report read(Granularity granularity, YearMonth from, YearMonth to, List<TrendDimension> dimensions) {
        var groups = new ArrayList<String>();
        groups.add(CaseFacts.ALL);
        dimensions.forEach(d -> groups.add(d.label()));
        if (dimensions.size() == 2) {
            groups.add(TrendDimension.group(dimensions));
        }
        // whole years are read and protected together, whatever the range asked for
        var keys = new ArrayList<String>();
        for (YearMonth m = YearMonth.of(from.getYear(), 1); !m.isAfter(YearMonth.of(to.getYear(), 12)); m = m.plusMonths(1)) {
            keys.add(m.toString());
        }
        var counts = new HashMap<YearMonth, Map<String, Long>>();
        for (Document month : months.find(in("_id", keys)).projection(include(groups))) {
            var sums = counts.computeIfAbsent(YearMonth.parse(month.getString("_id")), m -> new HashMap<>());
            for (String group : groups) {
                Object stored = month.get(group);
                if (stored instanceof Document cells) {
                    cells.forEach((value, n) -> sums.put(group + "." + value, ((Number) n).longValue()));
                } else if (stored instanceof Number n) {
                    sums.put(group, n.longValue());
                }
            }
        }
        long population = counts.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                .mapToLong(e -> e.getValue().getOrDefault(CaseFacts.ALL, 0L)).sum();
        if (population < policy.minimumPopulation()) {
            throw tooFew();
        }
        var wanted = new HashSet<String>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            wanted.add(granularity.label(m));
        }
        var cells = new ArrayList<TrendTable.Cell>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            int y = year;
            var ofYear = new HashMap<YearMonth, Map<String, Long>>();
            counts.forEach((month, sums) -> {
                if (month.getYear() == y) {
                    ofYear.put(month, sums);
                }
            });
            var rows = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
            dimensions.forEach(d -> rows.put(d, rows(d, ofYear.values())));
            cells.addAll(new ProtectedYear(year, ofYear, rows, policy.threshold())
                    .publish(granularity, dimensions, wanted::contains, policy));
        }
        return new Report(granularity.name().toLowerCase(), from.toString(), to.toString(),
                dimensions.stream().map(TrendDimension::label).toList(), policy.threshold(), Math.max(1, policy.roundTo()),
                cells);
    }

    /** A dimension's rows: all of its values, or for area those with any case in the range. */
    private static List<String> rows(TrendDimension dimension, Iterable<Map<String, Long>> periods) {
        if (dimension.knownValues() != null) {
            return dimension.knownValues();
        }
        String prefix = dimension.cell("");
        var seen = new TreeSet<String>();
        for (var sums : periods) {
            sums.forEach((key, count) -> {
                if (count > 0 && key.startsWith(prefix)) {
                    seen.add(URLDecoder.decode(key.substring(prefix.length()), StandardCharsets.UTF_8));
                }
            });
        }
        return List.copyOf(seen);
    }

    private ErrorResponseException tooFew() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "Fewer than " + policy.minimumPopulation() + " cases were reported in these periods, too few to publish "
                        + "without risk of identifying someone. Choose a longer range.");
        problem.setType(URI.create("urn:haven:problem:too-few-cases"));
        problem.setTitle("Too few cases to publish");
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, null);
    }
}
