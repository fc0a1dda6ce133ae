package haven.query.trends;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reads the month documents a query covers, by key, and publishes the protected tables of every
 * financial year they fall in (whole years are read and protected together, whatever the range
 * asked for). Only closed months are published.
 */
@Component
class TrendReader {

    record Report(
            String period,
            String from,
            String to,
            List<String> dimensions,
            String cases,
            int threshold,
            List<TrendTable.Cell> cells) {}

    private static final int KEPT_YEARS = 64;

    private final MongoCollection<Document> months;
    private final TrendPolicy policy;
    private final Areas areas;
    private final Partnership partnership;
    /** Decisions cost linear programs; a closed year's counts rarely change, so its decisions are kept. */
    private final Map<List<Object>, ProtectedFinancialYear> kept =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, ProtectedFinancialYear> eldest) {
                    return size() > KEPT_YEARS;
                }
            });

    TrendReader(MongoDatabase havenDatabase, TrendPolicy policy, Areas areas, Partnership partnership) {
        this.months = havenDatabase.getCollection(TrendProjection.MONTHS);
        this.policy = policy;
        this.areas = areas;
        this.partnership = partnership;
    }

    /**
     * {@code from} and {@code to} are the first and last months of closed periods of {@code granularity};
     * {@code organisation} is the partner whose own tables are read, null for the partnership's.
     */
    Report read(
            Granularity granularity,
            YearMonth from,
            YearMonth to,
            YearMonth lastClosed,
            List<TrendDimension> dimensions,
            Population counted,
            String organisation) {
        // a partner's tables are its rows of the tables by organisation, protected with the partnership's
        var asked = new ArrayList<>(dimensions);
        if (organisation != null) {
            asked.add(TrendDimension.ORGANISATION);
        }
        // one decision however the dimensions are ordered: two orders must never show two patterns
        var protectedAs = asked.stream().sorted().toList();
        int firstYear = Granularity.financialYear(granularity == Granularity.YEAR ? from.minusMonths(3) : from);
        int lastYear = Granularity.financialYear(to);
        var counts = read(counted, firstYear, lastYear, protectedAs);
        String everyone = organisation == null ? CaseFacts.ALL : TrendDimension.ORGANISATION.cell(organisation);
        long population = counts.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                .mapToLong(e -> e.getValue().getOrDefault(everyone, 0L))
                .sum();
        if (population < policy.minimumPopulation()) {
            throw tooFew(counted);
        }
        var years = new HashMap<Integer, ProtectedFinancialYear>();
        for (int year = firstYear; year <= lastYear; year++) {
            years.put(year, year(year, counts, protectedAs, lastClosed, counted));
        }
        var cells = new ArrayList<TrendTable.Cell>();
        if (granularity == Granularity.YEAR) {
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                cells.addAll(calendarYear(year, years, protectedAs));
            }
        } else {
            for (int year = firstYear; year <= lastYear; year++) {
                years.get(year).publish(granularity, protectedAs).forEach((first, published) -> {
                    if (!first.isBefore(from) && !first.isAfter(to)) {
                        cells.addAll(published);
                    }
                });
            }
        }
        return new Report(
                granularity.label(),
                from.toString(),
                to.toString(),
                dimensions.stream().map(TrendDimension::label).toList(),
                counted.label(),
                policy.threshold(),
                asAsked(cells, protectedAs, asked, organisation));
    }

    /** The cells in the order of the dimensions asked for; a partner's own: its rows, without the organisation. */
    private static List<TrendTable.Cell> asAsked(
            List<TrendTable.Cell> cells,
            List<TrendDimension> protectedAs,
            List<TrendDimension> asked,
            String organisation) {
        var shown = new ArrayList<TrendTable.Cell>();
        for (var cell : cells) {
            var values = new ArrayList<String>();
            asked.forEach(d -> values.add(cell.values().get(protectedAs.indexOf(d))));
            if (organisation != null) {
                if (!values.remove(values.size() - 1).equals(organisation)) {
                    continue;
                }
            }
            shown.add(new TrendTable.Cell(cell.period(), values, cell.count(), cell.suppressed()));
        }
        return shown;
    }

    private Map<YearMonth, Map<String, Long>> read(
            Population population, int firstYear, int lastYear, List<TrendDimension> dimensions) {
        var groups = new ArrayList<String>();
        groups.add(CaseFacts.ALL);
        dimensions.forEach(d -> groups.add(d.label()));
        if (dimensions.size() == 2) {
            groups.add(TrendDimension.group(dimensions));
        }
        var keys = new ArrayList<String>();
        for (YearMonth m = YearMonth.of(firstYear, 4); m.isBefore(YearMonth.of(lastYear + 1, 4)); m = m.plusMonths(1)) {
            keys.add(population.document(m));
        }
        var counts = new HashMap<YearMonth, Map<String, Long>>();
        for (Document month : months.find(in("_id", keys)).projection(include(groups))) {
            String id = month.getString("_id");
            var sums = counts.computeIfAbsent(YearMonth.parse(id.substring(id.indexOf('/') + 1)), m -> new HashMap<>());
            for (String group : groups) {
                Object stored = month.get(group);
                if (stored instanceof Document cells) {
                    cells.forEach((value, n) -> sums.put(group + "." + value, ((Number) n).longValue()));
                } else if (stored instanceof Number n) {
                    sums.put(group, n.longValue());
                }
            }
        }
        return counts;
    }

    private ProtectedFinancialYear year(
            int year,
            Map<YearMonth, Map<String, Long>> counts,
            List<TrendDimension> dimensions,
            YearMonth lastClosed,
            Population counted) {
        var ofYear = new HashMap<YearMonth, Map<String, Long>>();
        counts.forEach((month, sums) -> {
            if (Granularity.financialYear(month) == year) {
                ofYear.put(month, sums);
            }
        });
        var rows = new EnumMap<TrendDimension, List<String>>(TrendDimension.class);
        dimensions.forEach(d -> rows.put(d, rowsOf(d, ofYear)));
        long closed = YearMonth.of(year, 3).until(lastClosed, java.time.temporal.ChronoUnit.MONTHS);
        int closedMonths = (int) Math.max(0, Math.min(12, closed));
        return kept.computeIfAbsent(
                List.of(counted, year, closedMonths, dimensions, ofYear, rows),
                key -> new ProtectedFinancialYear(year, ofYear, rows, policy.threshold(), closedMonths));
    }

    /** Every value of a dimension a table shows: the configured areas and partners (and any who have left), or all. */
    private List<String> rowsOf(TrendDimension dimension, Map<YearMonth, Map<String, Long>> counts) {
        return switch (dimension) {
            case AREA -> areas.codes();
            case ORGANISATION -> {
                var partners = new java.util.LinkedHashSet<String>();
                partnership.organisations().forEach(o -> partners.add(o.id()));
                var former = new java.util.TreeSet<String>();
                String prefix = TrendDimension.ORGANISATION.label() + ".";
                counts.values()
                        .forEach(cells -> cells.keySet().stream()
                                .filter(cell -> cell.startsWith(prefix))
                                .map(cell -> cell.substring(prefix.length()))
                                .filter(id -> !partners.contains(id))
                                .forEach(former::add));
                partners.addAll(former);
                yield List.copyOf(partners);
            }
            default -> dimension.knownValues();
        };
    }

    /** A calendar year's cell is published when its four quarters are, as their sum. */
    private static List<TrendTable.Cell> calendarYear(
            int year, Map<Integer, ProtectedFinancialYear> years, List<TrendDimension> dimensions) {
        var quarters = new ArrayList<List<TrendTable.Cell>>();
        quarters.add(
                years.get(year - 1).publish(Granularity.QUARTER, dimensions).get(YearMonth.of(year, 1)));
        var ofThisYear = years.get(year).publish(Granularity.QUARTER, dimensions);
        for (int month : new int[] {4, 7, 10}) {
            quarters.add(ofThisYear.get(YearMonth.of(year, month)));
        }
        if (quarters.contains(null)) {
            return List.of();
        }
        var cells = new ArrayList<TrendTable.Cell>();
        for (int i = 0; i < quarters.get(0).size(); i++) {
            int entry = i;
            boolean hidden = quarters.stream().anyMatch(q -> q.get(entry).suppressed());
            Long sum = hidden
                    ? null
                    : quarters.stream().mapToLong(q -> q.get(entry).count()).sum();
            cells.add(new TrendTable.Cell(
                    String.valueOf(year), quarters.get(0).get(i).values(), sum, hidden));
        }
        return cells;
    }

    private ErrorResponseException tooFew(Population counted) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "Fewer than " + policy.minimumPopulation()
                        + (counted == Population.RETURNS
                                ? " equality monitoring returns were made"
                                : " cases were recorded")
                        + " in these periods, too few to publish "
                        + "without risk of identifying someone. Only periods that have ended are counted. Choose a longer range.");
        problem.setType(URI.create("urn:haven:problem:too-few-cases"));
        problem.setTitle("Too few cases to publish");
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, null);
    }
}
