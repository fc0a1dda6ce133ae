package haven.command.history;

import haven.events.CaseId;
import haven.events.Category;
import haven.events.LocationType;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.PastIncident;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.council.Areas;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A council's incident log as a CSV file (docs/history-import.md): one past incident per row,
 * with its reported month, categories, area code, outcome and closure date. Read whole and
 * checked before anything is written: every problem is reported by row, column and what is wrong,
 * never with the value (an old log's columns may hold anything). UTF-8 with or without a byte
 * order mark, or Excel's Windows-1252; commas, or semicolons where a spreadsheet uses them.
 */
final class HistoryFile {

    static final int MOST_ROWS = 50_000;
    static final List<String> COLUMNS = List.of(
            "source_id",
            "reported_month",
            "type",
            "category",
            "area",
            "location_type",
            "reporter_role",
            "perceived_motivations",
            "characteristics",
            "strands",
            "outcome",
            "closed_on");
    private static final Set<String> OPTIONAL =
            Set.of("location_type", "reporter_role", "perceived_motivations", "characteristics", "strands");
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A problem with one row's column, or with the file (row 0); never holds a value from the file. */
    record Problem(int row, String field, String problem) {}

    /** One past incident, ready to import; its case id comes from its source id, so it imports once. */
    record Row(int row, CaseId caseId, PastIncident incident) {}

    record Parsed(List<Row> rows, List<Problem> problems) {

        boolean valid() {
            return problems.isEmpty();
        }
    }

    private HistoryFile() {}

    /** The founder's file (see {@link #parse(byte[], Areas, LocalDate, String, String)}). */
    static Parsed parse(byte[] content, Areas areas, LocalDate today) {
        return parse(content, areas, today, null, null);
    }

    /**
     * An organisation's file, its areas checked against {@code organisation}'s: {@code namespace} is
     * its id, or null for the partnership's founder, whose source ids name the cases they did before
     * partnerships.
     */
    static Parsed parse(byte[] content, Areas areas, LocalDate today, String namespace, String organisation) {
        var problems = new ArrayList<Problem>();
        if (looksBinary(content)) {
            problems.add(new Problem(
                    0,
                    "file",
                    "is not a CSV file (a spreadsheet saved as .xlsx?): in Excel choose " + "Save As, then CSV UTF-8"));
            return new Parsed(List.of(), problems);
        }
        String text = decode(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf(';') >= 0 ? ';' : ',';
        List<CSVRecord> records;
        Map<String, Integer> header;
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .get()
                .parse(new StringReader(text))) {
            header = parser.getHeaderMap();
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new Problem(0, "file", "is not valid CSV (a quote left open, or a column name given twice)"));
            return new Parsed(List.of(), problems);
        }
        var columns =
                new HashMap<String, Integer>(); // by name as the template spells it, whatever the file's case or spaces
        header.forEach((name, index) -> columns.put(name.trim().toLowerCase(Locale.ROOT), index));
        var names = columns.keySet();
        var missing = COLUMNS.stream()
                .filter(c -> !OPTIONAL.contains(c) && !names.contains(c))
                .toList();
        var unknown =
                names.stream().filter(n -> !n.isEmpty() && !COLUMNS.contains(n)).count();
        if (!missing.isEmpty() || unknown > 0) {
            problems.add(new Problem(
                    1,
                    "header",
                    "must name the columns " + String.join(", ", COLUMNS)
                            + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                            + (unknown == 0 ? "" : "; " + unknown + " column(s) not in the template")));
            return new Parsed(List.of(), problems);
        }
        if (records.size() > MOST_ROWS) {
            problems.add(new Problem(
                    0, "file", "has " + records.size() + " rows; import at most " + MOST_ROWS + " at a time"));
            return new Parsed(List.of(), problems);
        }
        if (records.isEmpty()) {
            problems.add(new Problem(0, "file", "has no rows under its header"));
        }
        var rows = new ArrayList<Row>();
        var seen = new HashMap<String, Integer>();
        for (CSVRecord record : records) {
            var row = new RowReader(record, columns, (int) record.getRecordNumber() + 1, problems);
            String sourceId = row.required("source_id");
            if (sourceId != null && !SOURCE_ID.matcher(sourceId).matches()) {
                row.problem("source_id", "must be 1 to 64 letters, digits, '.', '_', '/' or '-'");
                sourceId = null;
            }
            if (sourceId != null) {
                Integer first = seen.putIfAbsent(sourceId, row.number);
                if (first != null) {
                    row.problem("source_id", "is also the source id of row " + first);
                }
            }
            YearMonth reported = row.month("reported_month", today);
            ReportType type = row.one("type", ReportType.class, true);
            Category category = row.one("category", Category.class, true);
            String area = row.required("area");
            area = area == null ? null : area.toUpperCase(Locale.ROOT);
            if (area != null && type != null && !areas.allows(organisation, type, area)) {
                row.problem("area", "must be one of the council's area codes for this type, or NOT_SURE");
            }
            LocationType locationType = row.one("location_type", LocationType.class, false);
            ReporterRole reporterRole = row.one("reporter_role", ReporterRole.class, false);
            var motivations = row.many("perceived_motivations", Motivation.class);
            var characteristics = row.many("characteristics", ProtectedCharacteristic.class);
            var strands = row.many("strands", MonitoredStrand.class);
            Outcome outcome = row.one("outcome", Outcome.class, true);
            LocalDate closed = row.date("closed_on", today);
            if (reported != null && closed != null && closed.isBefore(reported.atDay(1))) {
                row.problem("closed_on", "must not be before the reported month");
            }
            if (row.clean) {
                rows.add(new Row(
                        row.number,
                        caseIdOf(namespace, sourceId),
                        new PastIncident(
                                type,
                                category,
                                reported,
                                area,
                                locationType,
                                reporterRole,
                                motivations,
                                characteristics,
                                strands,
                                outcome,
                                closed)));
            }
        }
        return new Parsed(problems.isEmpty() ? rows : List.of(), problems);
    }

    /** The same source id is the same case, in whichever file or import it comes again. */
    static CaseId caseIdOf(String sourceId) {
        return caseIdOf(null, sourceId);
    }

    /** Within one organisation: two organisations' logs may use the same source ids for different incidents. */
    static CaseId caseIdOf(String namespace, String sourceId) {
        String name = namespace == null ? "haven-history:" + sourceId : "haven-history:" + namespace + ":" + sourceId;
        return new CaseId(
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    private static boolean looksBinary(byte[] content) {
        for (int i = 0; i < Math.min(content.length, 4096); i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return content.length > 1 && content[0] == 'P' && content[1] == 'K'; // a zip: .xlsx, .ods
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(content, WINDOWS_1252);
        }
    }

    /** "Verbal abuse", "verbal-abuse" and "VERBAL_ABUSE" are the same code. */
    static String normalised(String value) {
        return value.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    private static final class RowReader {
        final CSVRecord record;
        final Map<String, Integer> header;
        final int number;
        final List<Problem> problems;
        boolean clean = true;

        RowReader(CSVRecord record, Map<String, Integer> header, int number, List<Problem> problems) {
            this.record = record;
            this.header = header;
            this.number = number;
            this.problems = problems;
        }

        void problem(String field, String problem) {
            problems.add(new Problem(number, field, problem));
            clean = false;
        }

        String value(String column) {
            Integer index = header.get(column);
            return index != null && index < record.size() && !record.get(index).isBlank()
                    ? record.get(index).trim()
                    : null;
        }

        String required(String column) {
            String value = value(column);
            if (value == null) {
                problem(column, "is empty");
            }
            return value;
        }

        <E extends Enum<E>> E one(String column, Class<E> type, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null) {
                return null;
            }
            var found = Arrays.stream(type.getEnumConstants())
                    .filter(e -> e.name().equals(normalised(value)))
                    .findFirst();
            if (found.isEmpty()) {
                problem(column, "must be one of " + Arrays.toString(type.getEnumConstants()));
            }
            return found.orElse(null);
        }

        <E extends Enum<E>> Set<E> many(String column, Class<E> type) {
            String value = value(column);
            var chosen = new LinkedHashSet<E>();
            if (value == null) {
                return EnumSet.noneOf(type);
            }
            for (String part : value.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                var found = Arrays.stream(type.getEnumConstants())
                        .filter(e -> e.name().equals(normalised(part)))
                        .findFirst();
                if (found.isEmpty()) {
                    problem(
                            column,
                            "must be codes from " + Arrays.toString(type.getEnumConstants()) + ", separated by ';'");
                    return EnumSet.noneOf(type);
                }
                chosen.add(found.get());
            }
            return chosen.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(chosen);
        }

        YearMonth month(String column, LocalDate today) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                YearMonth month = YearMonth.parse(value);
                if (month.isAfter(YearMonth.from(today)) || month.getYear() < 1990) {
                    problem(column, "must be a month from 1990 to this one");
                    return null;
                }
                return month;
            } catch (DateTimeParseException e) {
                problem(column, "must be a year and month, like 2024-05");
                return null;
            }
        }

        LocalDate date(String column, LocalDate today) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value);
                if (date.isAfter(today)) {
                    problem(column, "must not be in the future");
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                problem(column, "must be a date, like 2024-05-31");
                return null;
            }
        }
    }
}
