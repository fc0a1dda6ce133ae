package haven.query.trends;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.pullAll;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.pushEach;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CheckInAnswered;
import haven.events.DeadlinesSet;
import haven.events.EqualityMonitoringReturned;
import haven.events.HistoricalCaseImported;
import haven.events.MessageToReporterSent;
import haven.events.ReferralReceived;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.RespondentRecorded;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.eventstore.BatchWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Counts for partnership boards, without transactions and without double counting.
 *
 * <p>{@code trend_facts} holds each case's categorical facts under a keyed hash of its id, what it
 * is counted as in each {@link Population} (the month and the facts then), the last applied event
 * sequence, and the changes still to be applied ({@code pending}: the snapshots a month counts once
 * more or once less, whose cells are worked out when they are applied). {@code trend_counts} holds,
 * per population and month, the counts boards read, grouped by dimensions. A case is counted as
 * recorded in the month staff first triaged it, and as resolved in the month it was resolved; what
 * it is counted as in a month changes only by events of that month, so a month's counts are final
 * when it ends and a published month never changes.
 *
 * <p>A batch of events first records each case's new facts and its pending change (one bulk write),
 * then applies the changes to each month in one write that also marks them as applied
 * ({@code applying}) unless the marks are already there, then clears both marks. A redelivered
 * event, or one after a crash at any point, finds its change either pending (and applies it) or
 * already marked (and skips it). Both documents stay small: a month holds counts, not cases.
 * A month's write sets the groups it changes, read first, on the version read ({@code v}): the two
 * segments, and instances sharing them, write the same months, so every write of counts changes
 * the version.
 */
@Component
@ProcessingGroup(TrendProjection.PROCESSOR)
class TrendProjection {

    static final String PROCESSOR = "trends-v3";
    static final String MONTHS = "trend_counts";
    static final String CASES = "trend_facts";
    static final String APPLYING = "applying";
    /** Marks a referral received: not counted again. */
    static final String REFERRAL = "referral";
    /** The monitoring returns a month document has counted, by their random ids. */
    static final String RETURNS_COUNTED = "returns";
    /** A month's version, changed by every write of its counts: a write of whole groups is made on the version it read. */
    static final String VERSION = "v";

    private static final int MAX_ATTEMPTS = 100;

    private final MongoCollection<Document> months;
    private final MongoCollection<Document> cases;
    private final Pseudonyms pseudonyms;
    private final Areas areas;
    private final Partnership partnership;
    private final Clock clock;

    TrendProjection(
            MongoDatabase havenDatabase, Pseudonyms pseudonyms, Areas areas, Partnership partnership, Clock clock) {
        this.months = havenDatabase.getCollection(MONTHS);
        this.cases = havenDatabase.getCollection(CASES);
        this.pseudonyms = pseudonyms;
        this.areas = areas;
        this.partnership = partnership;
        this.clock = clock;
    }

    @EventHandler
    void on(ReportSubmitted e, @SequenceNumber long sequence, @Timestamp Instant at) {
        var facts = CaseFacts.reported(e, month(at), areas, partnership.organisationOf(e.organisation()));
        change(e.caseId(), sequence, at, none -> new Counted(facts, Map.of()), true);
    }

    /**
     * A referral from another partner is the same incident, counted where it was reported: the
     * receiving organisation's case is remembered only as one not to count.
     */
    @EventHandler
    void on(ReferralReceived e, @SequenceNumber long sequence) {
        BatchWrites.current()
                .save(
                        cases,
                        new Document("_id", pseudonyms.of(e.caseId()))
                                .append("seq", sequence)
                                .append(REFERRAL, true));
    }

    /**
     * A monitoring return is counted once, in the month it was made, by one atomic write to that
     * month's document that also notes the return's id; delivered again, the note refuses the write.
     * Nothing of it is kept anywhere else in the trend view.
     */
    @EventHandler
    void on(EqualityMonitoringReturned e, @Timestamp Instant at) {
        String month = Population.RETURNS.document(month(at));
        var facts = CaseFacts.returned(e, month(at), partnership.organisationOf(e.organisation()));
        var updates = new ArrayList<Bson>();
        facts.cells(Population.RETURNS).forEach(cell -> updates.add(inc(cell, 1)));
        updates.add(push(RETURNS_COUNTED, e.returnId()));
        updates.add(inc(VERSION, 1));
        try {
            months.updateOne(
                    and(eq("_id", month), ne(RETURNS_COUNTED, e.returnId())),
                    combine(updates),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException counted) {
            if (counted.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw counted;
            }
        }
    }

    /** Whose case it is, for reports made before their first event said so (it comes before triage, so before any count). */
    @EventHandler
    void on(ReportRoutedToTeam e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> counted.as(counted.facts()
                        .with(TrendDimension.ORGANISATION, partnership.organisationOf(e.organisation()))),
                false);
    }

    /** Counted as recorded in its reported month and as resolved in the month it closed, whenever imported. */
    @EventHandler
    void on(HistoricalCaseImported e, @SequenceNumber long sequence, @Timestamp Instant at) {
        var facts = CaseFacts.imported(e, areas, partnership.organisationOf(e.organisation()));
        change(
                e.caseId(),
                sequence,
                at,
                none -> new Counted(
                        facts,
                        Map.of(
                                Population.RECORDED, new Counted.Snapshot(e.reportedIn(), facts),
                                Population.RESOLVED, new Counted.Snapshot(YearMonth.from(e.closedOn()), facts))),
                true);
    }

    @EventHandler
    void on(CaseTriaged e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> triaged(
                        // dates came with a triage only before deadlines were counted from receipt
                        e.resolutionDue() == null
                                ? counted
                                : counted.with(counted.deadlines().due(e.firstContactDue(), e.resolutionDue())),
                        e,
                        at),
                false);
    }

    /** The dates a case's service measures are counted against: those after triage or reopening. */
    @EventHandler
    void on(DeadlinesSet e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (e.resolutionDue() != null) {
            change(
                    e.caseId(),
                    sequence,
                    at,
                    counted -> counted.with(counted.deadlines().due(e.firstContactDue(), e.resolutionDue())),
                    false);
        }
    }

    /** Recorded for the person by staff or a reporting centre: counted by how it reached Haven. */
    @EventHandler
    void on(ReportRecordedOnBehalf e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> counted.as(counted.facts().with(TrendDimension.CHANNEL, e.channel())),
                false);
    }

    /** Counted by who the people complained about are to the reporter: a manager, a colleague, the public. */
    @EventHandler
    void on(RespondentRecorded e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> counted.as(counted.facts().adding(TrendDimension.RESPONDENT, e.relationship())),
                false);
    }

    /** The first message to the reporter is their first contact: on time or not, against its deadline then. */
    @EventHandler
    void on(MessageToReporterSent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> counted.with(counted.deadlines().contacted(day(at))),
                false);
    }

    private Counted triaged(Counted counted, CaseTriaged e, Instant at) {
        var facts = counted.facts()
                .with(TrendDimension.CATEGORY, e.category())
                .with(TrendDimension.CHARACTERISTIC, e.characteristics())
                .with(TrendDimension.STRAND, e.strands())
                .with(TrendDimension.ROUTE, e.route());
        if (e.area() != null) {
            facts = facts.with(TrendDimension.AREA, areas.coded(e.area()));
        }
        return counted.as(facts).countedIn(Population.RECORDED, month(at));
    }

    @EventHandler
    void on(CaseResolved e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth resolved = month(at);
        change(
                e.caseId(),
                sequence,
                at,
                counted -> {
                    var deadlines = counted.deadlines().contacted(day(at)); // a resolution reaches the reporter too
                    var facts = counted.facts()
                            .with(TrendDimension.OUTCOME, e.outcome())
                            .with(
                                    TrendDimension.RESOLUTION_TIME,
                                    ResolutionTime.between(counted.facts().reportedIn(), resolved))
                            .with(TrendDimension.RESOLUTION_DEADLINE, deadlines.resolvedBy(day(at)))
                            .with(TrendDimension.FIRST_CONTACT, deadlines.firstContact());
                    // the dates are dropped: the trend view keeps none finer than a month of a case it has counted
                    return counted.as(facts).with(Deadlines.NONE).countedIn(Population.RESOLVED, resolved);
                },
                false);
    }

    /** Victimisation after reporting, counted in the month the reporter said so at the check-in. */
    @EventHandler
    void on(CheckInAnswered e, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (e.victimised()) {
            change(e.caseId(), sequence, at, counted -> counted.countedIn(Population.VICTIMISED, month(at)), false);
        }
    }

    @EventHandler
    void on(CaseReopened e, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(
                e.caseId(),
                sequence,
                at,
                counted -> counted.as(counted.facts()
                                .without(TrendDimension.OUTCOME)
                                .without(TrendDimension.RESOLUTION_TIME)
                                .without(TrendDimension.RESOLUTION_DEADLINE)
                                .without(TrendDimension.FIRST_CONTACT))
                        .notCountedIn(Population.RESOLVED, month(at))
                        .countedIn(Population.REOPENED, month(at)),
                false);
    }

    @ResetHandler
    void reset() {
        months.drop();
        cases.drop();
    }

    private YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(clock.getZone()));
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, clock.getZone());
    }

    /**
     * A case's facts now, and per population the month it is counted in with the facts it is counted
     * with. {@link #as} changes what it is counted with only in a month still open to it: the month
     * of the event.
     */
    record Counted(CaseFacts facts, Map<Population, Snapshot> snapshots, Deadlines deadlines, YearMonth now) {

        Counted(CaseFacts facts, Map<Population, Snapshot> snapshots) {
            this(facts, snapshots, Deadlines.NONE, null);
        }

        record Snapshot(YearMonth month, CaseFacts facts) {}

        /**
         * A snapshot a population's month counts. A change to a month is kept, until applied, as the
         * snapshots it counts once more or once less: a few values each, where their cells (what the
         * month's write changes) are hundreds.
         */
        record Counts(Population population, Snapshot snapshot) {

            Document toDocument(int by) {
                return new Document("month", population.document(snapshot.month()))
                        .append("population", population.label())
                        .append("by", by)
                        .append("facts", snapshot.facts().toDocument());
            }

            static boolean stored(Document change) {
                return change.containsKey("facts");
            }

            /** What a change stored by {@link #toDocument} adds to (+) or takes from (−) each of its cells. */
            static void addCells(Document change, Map<String, Integer> cells) {
                int by = change.getInteger("by");
                var population =
                        Population.labelled(change.getString("population")).orElseThrow();
                CaseFacts.from(change.get("facts", Document.class))
                        .cells(population)
                        .forEach(cell -> cells.merge(cell, by, Integer::sum));
            }
        }

        Counted at(YearMonth month) {
            return new Counted(facts, snapshots, deadlines, month);
        }

        Counted with(Deadlines changed) {
            return new Counted(facts, snapshots, changed, now);
        }

        Counted as(CaseFacts changed) {
            var next = new EnumMap<Population, Snapshot>(Population.class);
            snapshots.forEach((population, snapshot) ->
                    next.put(population, snapshot.month().equals(now) ? new Snapshot(now, changed) : snapshot));
            return new Counted(changed, next, deadlines, now);
        }

        /**
         * Counted from now in {@code month}: as recorded only the first time (first triage); as resolved
         * or reopened each time, an earlier month keeping its count.
         */
        Counted countedIn(Population population, YearMonth month) {
            var next = new EnumMap<Population, Snapshot>(Population.class);
            next.putAll(snapshots);
            if (population != Population.RECORDED || !snapshots.containsKey(population)) {
                next.put(population, new Snapshot(month, facts));
            }
            return new Counted(facts, next, deadlines, now);
        }

        /** No longer counted: taken out of {@code month} if it was counted there, else left where it was counted. */
        Counted notCountedIn(Population population, YearMonth month) {
            var next = new EnumMap<Population, Snapshot>(Population.class);
            next.putAll(snapshots);
            next.remove(population);
            return new Counted(facts, next, deadlines, now);
        }

        /**
         * The snapshots a month's counts gain (+1) and lose (−1), from {@code before} to this. Only a
         * snapshot of the event's month can be retracted; a new snapshot is always of that month.
         */
        Map<Counts, Integer> changesFrom(Counted before) {
            var changes = new LinkedHashMap<Counts, Integer>();
            for (Population population : Population.values()) {
                Snapshot was = before == null ? null : before.snapshots().get(population);
                Snapshot will = snapshots.get(population);
                if (Objects.equals(was, will)) {
                    continue;
                }
                if (was != null && was.month().equals(now)) {
                    changes.merge(new Counts(population, was), -1, Integer::sum);
                }
                if (will != null) {
                    changes.merge(new Counts(population, will), 1, Integer::sum);
                }
            }
            return changes;
        }

        Document toDocument() {
            var counted = new Document();
            snapshots.forEach((population, snapshot) -> counted.append(
                    population.label(),
                    snapshot.facts().toDocument().append("in", snapshot.month().toString())));
            var document = new Document("facts", facts.toDocument()).append("counted", counted);
            return deadlines.isEmpty() ? document : document.append("deadlines", deadlines.toDocument());
        }

        static Counted from(Document stored) {
            var snapshots = new EnumMap<Population, Snapshot>(Population.class);
            Document counted = stored.get("counted", new Document());
            for (Population population : Population.values()) {
                Document snapshot = counted.get(population.label(), Document.class);
                if (snapshot != null) {
                    snapshots.put(
                            population,
                            new Snapshot(YearMonth.parse(snapshot.getString("in")), CaseFacts.from(snapshot)));
                }
            }
            return new Counted(
                    CaseFacts.from(stored.get("facts", Document.class)),
                    snapshots,
                    Deadlines.from(stored.get("deadlines", Document.class)),
                    null);
        }
    }

    private void change(CaseId caseId, long sequence, Instant at, UnaryOperator<Counted> change, boolean opensCase) {
        String pseudonym = pseudonyms.of(caseId);
        var batch = BatchWrites.current();
        var counting = batch.lastly(this, Counting::new);
        Document stored =
                batch.row(cases, pseudonym, event -> pseudonyms.of(new CaseId(event.getAggregateIdentifier())));
        if (stored != null && stored.get("pending") != null && !counting.counts(pseudonym)) {
            applyPending(stored); // left by a crash
            stored.remove("pending");
        }
        if (stored != null && stored.getLong("seq") >= sequence) {
            counting.seen(stored); // delivered again: an interrupted batch may have left marks there
            return;
        }
        if (stored != null && stored.getBoolean(REFERRAL, false)) {
            return; // counted by the organisation the report was made to
        }
        if (stored == null && !opensCase) {
            throw new IllegalStateException("A case event arrived before its report");
        }
        Counted before = stored == null ? null : Counted.from(stored).at(month(at));
        Counted after = change.apply(before).at(month(at));
        var pending = counting.changesSinceStart(pseudonym, after.changesFrom(before));
        Document next = after.toDocument()
                .append("_id", pseudonym)
                .append("seq", sequence)
                .append(
                        "touched",
                        pending.stream()
                                .map(c -> c.getString("month"))
                                .distinct()
                                .toList())
                .append("pending", new Document("seq", sequence).append("changes", pending));
        // written with the batch's other writes, before Counting applies the pending changes to the months
        batch.save(cases, next);
        counting.changed(next);
    }

    /**
     * A batch's changes to the month counts: each case's change since the batch began, applied to its
     * month with the case's mark in one write per month, then both marks cleared (as in
     * {@link #applyPending}, a few writes per batch instead of per event). Also clears the marks an
     * interrupted batch left in the months this batch touches.
     */
    private final class Counting implements Runnable {

        private final Map<String, Map<Counted.Counts, Integer>> sinceStart = new HashMap<>();
        private final Map<String, Document> changed = new LinkedHashMap<>();
        private final Set<String> seenMonths = new LinkedHashSet<>();
        /** The changed cases' cell changes, per month: worked out once from their facts. */
        private final Map<String, Map<String, Map<String, Integer>>> cells = new HashMap<>();

        boolean counts(String pseudonym) {
            return sinceStart.containsKey(pseudonym);
        }

        /** A case's change since the batch began, with this event's, as stored: the snapshots counted once more or once less. */
        List<Document> changesSinceStart(String pseudonym, Map<Counted.Counts, Integer> change) {
            var ofCase = sinceStart.computeIfAbsent(pseudonym, p -> new LinkedHashMap<>());
            change.forEach(
                    (counts, by) -> ofCase.merge(counts, by, (was, more) -> was + more == 0 ? null : was + more));
            return ofCase.entrySet().stream()
                    .map(counts -> counts.getKey().toDocument(counts.getValue()))
                    .toList();
        }

        void changed(Document facts) {
            changed.put(facts.getString("_id"), facts);
        }

        void seen(Document facts) {
            seenMonths.addAll(facts.getList("touched", String.class, List.of()));
        }

        @Override
        public void run() {
            var byMonth = new LinkedHashMap<String, List<Document>>();
            changed.forEach((pseudonym, facts) -> {
                cells.put(pseudonym, cellChanges(facts));
                cells.get(pseudonym)
                        .keySet()
                        .forEach(month -> byMonth.computeIfAbsent(month, m -> new ArrayList<>())
                                .add(facts));
            });
            seenMonths.forEach(month -> byMonth.computeIfAbsent(month, m -> new ArrayList<>()));
            if (byMonth.isEmpty() && changed.isEmpty()) {
                return;
            }
            var stored = new HashMap<String, Document>();
            months.find(in("_id", byMonth.keySet()))
                    .projection(include(fieldsRead(cells.values())))
                    .forEach(month -> stored.put(month.getString("_id"), month));
            Set<String> stale = staleMarks(
                    stored.values().stream().map(TrendProjection::marks).toList());
            var unmarks = new ArrayList<WriteModel<Document>>();
            byMonth.forEach((month, facts) -> {
                var unmark = count(month, facts, stored.get(month));
                marks(stored.get(month)).stream().filter(stale::contains).forEach(unmark::add);
                if (!unmark.isEmpty()) {
                    unmarks.add(new UpdateOneModel<>(eq("_id", month), pullAll(APPLYING, unmark)));
                }
            });
            if (!changed.isEmpty()) {
                cases.bulkWrite(changed.keySet().stream()
                        .<WriteModel<Document>>map(
                                pseudonym -> new UpdateOneModel<>(eq("_id", pseudonym), unset("pending")))
                        .toList());
            }
            if (!unmarks.isEmpty()) {
                months.bulkWrite(unmarks);
            }
        }

        /**
         * Adds the cases' changes not yet marked in {@code month} to its counts, with their marks, in
         * one write; the marks written. Another segment may write the month meanwhile: the write is
         * made only on the version it read, else read again and made again.
         */
        private List<String> count(String month, List<Document> facts, Document stored) {
            for (int attempt = 1; ; attempt++) {
                var marked = new HashSet<>(marks(stored));
                var marks = new ArrayList<String>();
                var delta = new LinkedHashMap<String, Integer>();
                for (Document one : facts) {
                    String mark = mark(one);
                    if (!marked.contains(mark)) {
                        marks.add(mark);
                        cells.get(one.getString("_id"))
                                .get(month)
                                .forEach((cell, by) -> delta.merge(cell, by, Integer::sum));
                    }
                }
                if (marks.isEmpty() || counted(month, stored, delta, marks)) {
                    return marks;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("Month counts changed under every attempt to write them");
                }
                stored = months.find(eq("_id", month))
                        .projection(include(fieldsRead(facts.stream()
                                .map(one -> cells.get(one.getString("_id")))
                                .toList())))
                        .first();
            }
        }

        /**
         * Marks no pending change waits on: an interrupted batch counted its cases and cleared their
         * pending changes, but not the marks. A mark whose case still has that change pending stays.
         */
        private Set<String> staleMarks(Collection<List<String>> marked) {
            var marks = new HashSet<String>();
            marked.forEach(marks::addAll);
            if (marks.isEmpty()) {
                return marks;
            }
            var pseudonymsMarked = marks.stream()
                    .map(mark -> mark.substring(0, mark.lastIndexOf(':')))
                    .distinct()
                    .toList();
            cases.find(in("_id", pseudonymsMarked))
                    .projection(include("pending"))
                    .forEach(facts -> {
                        if (facts.get("pending") != null) {
                            marks.remove(mark(facts));
                        }
                    });
            return marks;
        }
    }

    /** The mark a month carries while a case's pending change is being applied to it: case and event sequence. */
    private static String mark(Document facts) {
        return facts.getString("_id") + ":"
                + facts.get("pending", Document.class).getLong("seq");
    }

    private static List<String> marks(Document month) {
        return month == null ? List.of() : month.getList(APPLYING, String.class, List.of());
    }

    /** A month's marks, version and the groups of every cell the cases change: what its write replaces. */
    private static List<String> fieldsRead(Collection<Map<String, Map<String, Integer>>> cellChanges) {
        var fields = new LinkedHashSet<String>(List.of(APPLYING, VERSION));
        cellChanges.forEach(ofCase ->
                ofCase.values().forEach(ofMonth -> ofMonth.keySet().forEach(cell -> fields.add(group(cell)))));
        return List.copyOf(fields);
    }

    private static String group(String cell) {
        int dot = cell.indexOf('.');
        return dot < 0 ? cell : cell.substring(0, dot);
    }

    /**
     * Writes a month's counts plus {@code delta} and the marks, if the month is still at the version
     * read ({@code stored}, null when it was not there): whole groups set, not cells incremented, as
     * the embedded store checks every pair of an update's paths (a batch's thousands of cells took it
     * a second a write; BENCHMARKS.md).
     */
    private boolean counted(String month, Document stored, Map<String, Integer> delta, List<String> marks) {
        var groups = new LinkedHashMap<String, Object>();
        delta.forEach((cell, by) -> {
            int dot = cell.indexOf('.');
            if (dot < 0) {
                groups.put(cell, countOf(stored, cell) + by);
            } else {
                String group = cell.substring(0, dot);
                var counts = (Document) groups.computeIfAbsent(group, g -> {
                    Document was = stored == null ? null : stored.get(g, Document.class);
                    return was == null ? new Document() : new Document(was);
                });
                String value = cell.substring(dot + 1);
                counts.put(value, countOf(counts, value) + by);
            }
        });
        if (stored == null) {
            try {
                var made = new Document("_id", month).append(APPLYING, marks).append(VERSION, 1);
                made.putAll(groups);
                months.insertOne(made);
                return true;
            } catch (MongoWriteException written) {
                if (written.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw written;
                }
                return false; // another segment made the month first
            }
        }
        var updates = new ArrayList<Bson>();
        groups.forEach((group, value) -> updates.add(set(group, value)));
        updates.add(pushEach(APPLYING, marks));
        updates.add(inc(VERSION, 1));
        return months.updateOne(and(eq("_id", month), eq(VERSION, stored.get(VERSION))), combine(updates))
                        .getMatchedCount()
                == 1;
    }

    private static int countOf(Document counts, String key) {
        return counts != null && counts.get(key) instanceof Number n ? n.intValue() : 0;
    }

    /**
     * A case's pending change as the cells it adds to and takes from, per month, those that cancel
     * left out. Stored as snapshots' facts, or (before those) as lists of cells.
     */
    private static Map<String, Map<String, Integer>> cellChanges(Document facts) {
        var byMonth = new LinkedHashMap<String, Map<String, Integer>>();
        for (Document change : facts.get("pending", Document.class).getList("changes", Document.class)) {
            var cells = byMonth.computeIfAbsent(change.getString("month"), m -> new LinkedHashMap<>());
            if (Counted.Counts.stored(change)) {
                Counted.Counts.addCells(change, cells);
            } else { // stored as lists of cells, before changes were kept as facts
                change.getList("add", String.class).forEach(cell -> cells.merge(cell, 1, Integer::sum));
                change.getList("remove", String.class).forEach(cell -> cells.merge(cell, -1, Integer::sum));
            }
        }
        byMonth.values().forEach(cells -> cells.values().removeIf(by -> by == 0));
        byMonth.values().removeIf(Map::isEmpty);
        return byMonth;
    }

    /** Applies a case's pending cell changes to each month exactly once, then clears the marks. */
    private void applyPending(Document facts) {
        String mark = mark(facts);
        var changes = cellChanges(facts);
        changes.forEach((month, cells) -> {
            var updates = new ArrayList<Bson>();
            cells.forEach((cell, by) -> updates.add(inc(cell, by)));
            updates.add(push(APPLYING, mark));
            updates.add(inc(VERSION, 1));
            Document marks =
                    months.find(eq("_id", month)).projection(include(APPLYING)).first();
            boolean applied = marks != null
                    && marks.getList(APPLYING, String.class, List.of()).contains(mark);
            if (!applied) {
                months.updateOne(eq("_id", month), combine(updates), new UpdateOptions().upsert(true));
            }
        });
        cases.updateOne(eq("_id", facts.getString("_id")), unset("pending"));
        changes.keySet().forEach(month -> months.updateOne(eq("_id", month), pull(APPLYING, mark)));
    }
}
