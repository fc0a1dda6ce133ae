package haven.query.pages;

import haven.events.MonitoringQuestion;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.Partnership.Organisation;
import haven.query.trends.TrendResponse;
import haven.query.web.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;

/**
 * A trend answer laid out as a board reads it: one dimension or none over several periods is a
 * table of values by period (drawn as one line per value, a hidden count a gap in its line);
 * two dimensions are a cross-tab per period, rows by columns with their totals. A hidden count is
 * "[c]", never a number; totals are rows of their own and never drawn beside their parts.
 */
final class TrendTables {

    static final String HIDDEN = "[c]";
    private static final String ALL = "ALL";

    /** A row: its label, whether it is a total, and its counts as shown. */
    record Row(String label, boolean total, List<String> counts) {}

    /** Values (rows) by periods (columns). */
    record Series(List<String> periods, List<Row> rows) {}

    /** One period's two-way table. */
    record CrossTab(String period, List<String> columns, List<Row> rows) {}

    private final Areas areas;
    private final Partnership partnership;
    private final MessageSource messages;

    TrendTables(Areas areas, Partnership partnership, MessageSource messages) {
        this.areas = areas;
        this.partnership = partnership;
        this.messages = messages;
    }

    Series series(TrendResponse answer) {
        var periods = new LinkedHashSet<String>();
        var byValue = new LinkedHashMap<String, Map<String, String>>();
        String dimension =
                answer.dimensions().isEmpty() ? null : answer.dimensions().get(0);
        for (var cell : answer.cells()) {
            String period = (String) cell.get("period");
            periods.add(period);
            String value = dimension == null ? ALL : (String) cell.get(dimension);
            byValue.computeIfAbsent(value, v -> new LinkedHashMap<>()).put(period, shown(cell));
        }
        var rows = new ArrayList<Row>();
        byValue.forEach((value, counts) -> rows.add(new Row(
                dimension == null ? "All cases" : label(dimension, value),
                dimension != null && value.equals(ALL),
                periods.stream()
                        .map(p -> Objects.requireNonNullElse(counts.get(p), ""))
                        .toList())));
        return new Series(List.copyOf(periods), rows);
    }

    List<CrossTab> crossTabs(TrendResponse answer) {
        String first = answer.dimensions().get(0);
        String second = answer.dimensions().get(1);
        var byPeriod = new LinkedHashMap<String, List<Map<String, Object>>>();
        answer.cells()
                .forEach(cell -> byPeriod.computeIfAbsent((String) cell.get("period"), p -> new ArrayList<>())
                        .add(cell));
        var tables = new ArrayList<CrossTab>();
        byPeriod.forEach((period, cells) -> {
            var columns = new LinkedHashSet<String>();
            var byRow = new LinkedHashMap<String, Map<String, String>>();
            for (var cell : cells) {
                String row = (String) cell.get(first);
                String column = (String) cell.get(second);
                columns.add(column);
                byRow.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, shown(cell));
            }
            var rows = new ArrayList<Row>();
            byRow.forEach((row, counts) -> rows.add(new Row(
                    label(first, row),
                    row.equals(ALL),
                    columns.stream()
                            .map(c -> Objects.requireNonNullElse(counts.get(c), ""))
                            .toList())));
            tables.add(new CrossTab(
                    period, columns.stream().map(c -> label(second, c)).toList(), rows));
        });
        return tables;
    }

    private static String shown(Map<String, Object> cell) {
        return Boolean.TRUE.equals(cell.get("suppressed")) ? HIDDEN : String.valueOf(cell.get("count"));
    }

    /** A value as people read it: a configured area's or partner's name, or the enum value in words. */
    String label(String dimension, String value) {
        if (value.equals(ALL)) {
            return "All";
        }
        if (dimension.equals("area")) {
            return areas.label(value).orElse("Not coded");
        }
        if (dimension.equals("organisation")) {
            return partnership.organisation(value).map(Organisation::name).orElse("A former partner");
        }
        var question = Arrays.stream(MonitoringQuestion.values())
                .filter(q -> q.name().equals(dimension.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst();
        if (question.isPresent()) {
            return answer(question.get(), value);
        }
        return value.equals("NONE") ? "None recorded" : capitalised(Words.ofName(value));
    }

    /** A monitoring answer in the words the reporter chose it by; the key is made of known codes only. */
    private String answer(MonitoringQuestion question, String value) {
        if (value.equals("NONE")) {
            return "Not answered";
        }
        return question.takes(value)
                ? messages.getMessage(MonitoringQuestions.answerKey(question, value), null, Locale.UK)
                : capitalised(Words.ofName(value));
    }

    private static String capitalised(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
