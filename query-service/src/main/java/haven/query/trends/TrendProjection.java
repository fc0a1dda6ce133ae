package haven.query.trends;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.pullAll;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.pushEach;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.ReportSubmitted;
import haven.query.views.BatchWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * <p>{@code trend_cases} holds each case's categorical facts under a keyed hash of its id, with the
 * last applied event sequence and the cell changes still to be applied ({@code pending}).
 * {@code trend_months} holds, per reported month, the counts boards read, grouped by dimensions.
 * A batch of events first records each case's new facts and its pending change (one bulk write),
 * then applies the changes to each month in one write that also marks them as applied
 * ({@code applying}) unless the marks are already there, then clears both marks. A redelivered
 * event, or one after a crash at any point, finds its change either pending (and applies it) or
 * already marked (and skips it). Both documents stay small: a month holds counts, not cases.
 */
@Component
@ProcessingGroup("trends")
class TrendProjection {

    static final String MONTHS = "trend_months";
    static final String CASES = "trend_cases";
    static final String APPLYING = "applying";

    private final MongoCollection<Document> months;
    private final MongoCollection<Document> cases;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    TrendProjection(MongoDatabase havenDatabase, Pseudonyms pseudonyms, Clock clock) {
        this.months = havenDatabase.getCollection(MONTHS);
        this.cases = havenDatabase.getCollection(CASES);
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    @EventHandler
    void on(ReportSubmitted e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth reported = YearMonth.from(at.atZone(clock.getZone()));
        change(e.caseId(), sequence, none -> CaseFacts.reported(e, reported), true);
    }

    @EventHandler
    void on(CaseTriaged e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.CATEGORY, e.category())
                .with(TrendDimension.CHARACTERISTIC, e.characteristics())
                .with(TrendDimension.STRAND, e.strands())
                .with(TrendDimension.ROUTE, e.route()), false);
    }

    @EventHandler
    void on(CaseResolved e, @SequenceNumber long sequence, @Timestamp Instant at) {
        YearMonth resolved = YearMonth.from(at.atZone(clock.getZone()));
        change(e.caseId(), sequence, facts -> facts
                .with(TrendDimension.OUTCOME, e.outcome())
                .with(TrendDimension.RESOLUTION_TIME, ResolutionTime.between(facts.reportedIn(), resolved)), false);
    }

    @EventHandler
    void on(CaseReopened e, @SequenceNumber long sequence) {
        change(e.caseId(), sequence, facts -> facts
                .without(TrendDimension.OUTCOME)
                .without(TrendDimension.RESOLUTION_TIME), false);
    }

    @ResetHandler
    void reset() {
        months.drop();
        cases.drop();
    }

    private void change(CaseId caseId, long sequence, UnaryOperator<CaseFacts> change, boolean opensCase) {
        String pseudonym = pseudonyms.of(caseId);
        var batch = BatchWrites.current();
        var counting = batch.lastly(this, Counting::new);
        Document stored = batch.row(cases, pseudonym, event -> pseudonyms.of(new CaseId(event.getAggregateIdentifier())));
        if (stored != null && stored.get("pending") != null && !counting.counts(pseudonym)) {
            applyPending(stored); // left by a crash
            stored.remove("pending");
        }
        if (stored != null && stored.getLong("seq") >= sequence) {
            counting.seen(stored.getString("month")); // delivered again: an interrupted batch may have left marks there
            return;
        }
        if (stored == null && !opensCase) {
            throw new IllegalStateException("A case event arrived before its report");
        }
        CaseFacts before = stored == null ? null : CaseFacts.from(stored);
        CaseFacts after = change.apply(before);
        Set<String> atStart = counting.cellsAtStart(pseudonym, before);
        var added = new LinkedHashSet<>(after.cells());
        added.removeAll(atStart);
        var removed = new LinkedHashSet<>(atStart);
        removed.removeAll(after.cells());
        Document next = after.toDocument(sequence).append("_id", pseudonym).append("pending",
                new Document("seq", sequence).append("add", List.copyOf(added)).append("remove", List.copyOf(removed)));
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

        private final Map<String, Set<String>> cellsAtStart = new HashMap<>();
        private final Map<String, Document> changed = new LinkedHashMap<>();
        private final Set<String> seenMonths = new LinkedHashSet<>();

        boolean counts(String pseudonym) {
            return cellsAtStart.containsKey(pseudonym);
        }

        Set<String> cellsAtStart(String pseudonym, CaseFacts before) {
            return cellsAtStart.computeIfAbsent(pseudonym, p -> before == null ? Set.of() : Set.copyOf(before.cells()));
        }

        void changed(Document facts) {
            changed.put(facts.getString("_id"), facts);
        }

        void seen(String month) {
            seenMonths.add(month);
        }

        @Override
        public void run() {
            var byMonth = new LinkedHashMap<String, List<Document>>();
            changed.values().forEach(facts -> byMonth.computeIfAbsent(facts.getString("month"), m -> new ArrayList<>()).add(facts));
            seenMonths.forEach(month -> byMonth.computeIfAbsent(month, m -> new ArrayList<>()));
            if (byMonth.isEmpty()) {
                return;
            }
            var marked = new HashMap<String, List<String>>();
            months.find(in("_id", byMonth.keySet())).projection(include(APPLYING))
                    .forEach(month -> marked.put(month.getString("_id"), month.getList(APPLYING, String.class, List.of())));
            Set<String> stale = staleMarks(marked.values());
            var counts = new ArrayList<WriteModel<Document>>();
            var unmarks = new ArrayList<WriteModel<Document>>();
            byMonth.forEach((month, facts) -> {
                var delta = new LinkedHashMap<String, Integer>();
                var marks = new ArrayList<String>();
                for (Document one : facts) {
                    Document pending = one.get("pending", Document.class);
                    String mark = mark(one);
                    if (!marked.getOrDefault(month, List.of()).contains(mark)) {
                        marks.add(mark);
                        pending.getList("add", String.class).forEach(cell -> delta.merge(cell, 1, Integer::sum));
                        pending.getList("remove", String.class).forEach(cell -> delta.merge(cell, -1, Integer::sum));
                    }
                }
                if (!marks.isEmpty()) {
                    var updates = new ArrayList<Bson>();
                    delta.forEach((cell, by) -> {
                        if (by != 0) {
                            updates.add(inc(cell, by));
                        }
                    });
                    updates.add(pushEach(APPLYING, marks));
                    counts.add(new UpdateOneModel<>(eq("_id", month), combine(updates), new UpdateOptions().upsert(true)));
                }
                var unmark = new ArrayList<>(marks);
                marked.getOrDefault(month, List.of()).stream().filter(stale::contains).forEach(unmark::add);
                if (!unmark.isEmpty()) {
                    unmarks.add(new UpdateOneModel<>(eq("_id", month), pullAll(APPLYING, unmark)));
                }
            });
            if (!counts.isEmpty()) {
                months.bulkWrite(counts);
            }
            if (!changed.isEmpty()) {
                cases.bulkWrite(changed.keySet().stream()
                        .<WriteModel<Document>>map(pseudonym -> new UpdateOneModel<>(eq("_id", pseudonym), unset("pending"))).toList());
            }
            if (!unmarks.isEmpty()) {
                months.bulkWrite(unmarks);
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
            var pseudonymsMarked = marks.stream().map(mark -> mark.substring(0, mark.lastIndexOf(':'))).distinct().toList();
            cases.find(in("_id", pseudonymsMarked)).projection(include("pending")).forEach(facts -> {
                if (facts.get("pending") != null) {
                    marks.remove(mark(facts));
                }
            });
            return marks;
        }
    }

    /** The mark a month carries while a case's pending change is being applied to it: case and event sequence. */
    private static String mark(Document facts) {
        return facts.getString("_id") + ":" + facts.get("pending", Document.class).getLong("seq");
    }

    /** Applies a case's pending cell changes to its month exactly once, then clears the marks. */
    private void applyPending(Document facts) {
        Document pending = facts.get("pending", Document.class);
        String month = facts.getString("month");
        String mark = mark(facts);
        var updates = new ArrayList<Bson>();
        pending.getList("add", String.class).forEach(cell -> updates.add(inc(cell, 1)));
        pending.getList("remove", String.class).forEach(cell -> updates.add(inc(cell, -1)));
        updates.add(push(APPLYING, mark));
        Document marks = months.find(eq("_id", month)).projection(include(APPLYING)).first();
        boolean applied = marks != null && marks.getList(APPLYING, String.class, List.of()).contains(mark);
        if (!applied) {
            months.updateOne(eq("_id", month), combine(updates), new UpdateOptions().upsert(true));
        }
        cases.updateOne(eq("_id", facts.getString("_id")), unset("pending"));
        months.updateOne(eq("_id", month), pull(APPLYING, mark));
    }
}
