package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import haven.query.web.Background;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The case rows access is decided on, in two generations: readers use the live one while a rebuild
 * writes the other, and the live one changes only once every segment has replayed every event
 * stored when the rebuild began. So at every moment of a rebuild each case is visible exactly as
 * before it (a rebuild that dropped the rows and replayed them showed a case to its intake team
 * until its reassignment and exclusions replayed). Switching moves no data, so a batch being
 * written as the generations change still lands in the rows that become live.
 *
 * <p>The first build of a store that already holds events (after a restore) is a rebuild too: the
 * caseload's tokens are made as replay tokens, and nobody sees any case until it completes.
 */
@Component
public class CaseViews {

    private static final Logger log = LoggerFactory.getLogger(CaseViews.class);
    static final String PROCESSOR = "caseload";
    /** Every case by id (a closed one is found here by its id). */
    private static final String CASE_FILES = "case_files";
    /** The open cases only, so a caseload read costs the open cases, never the history. */
    private static final String OPEN_CASES = "caseload";
    /** Each case's id by its reference: a search by reference is one key lookup. */
    private static final String REFERENCES = "case_references";
    /** The ids of an organisation's cases closed in a month, by "organisation/yyyy-MM". */
    private static final String CLOSED_BY_MONTH = "closed_cases";
    /** How many open cases each status, risk and date due has ({@link OpenCaseCounts}). */
    private static final String OPEN_CASE_COUNTS = "open_case_counts";

    private static final Duration SWITCH_CHECK_EVERY = Duration.ofMillis(250);
    /** A switch made by another instance is seen within this long; until then its readers see the old, complete view. */
    private static final long STATE_KEPT_NANOS = Duration.ofSeconds(1).toNanos();

    /** One generation's collections; the same objects every time, so a batch keeps one row per case. */
    public record Generation(
            MongoCollection<Document> caseFiles,
            MongoCollection<Document> openCases,
            MongoCollection<Document> references,
            MongoCollection<Document> closedByMonth,
            MongoCollection<Document> openCaseCounts) {

        List<MongoCollection<Document>> all() {
            return List.of(caseFiles, openCases, references, closedByMonth, openCaseCounts);
        }
    }

    /** {@code building} is null when no rebuild is under way; {@code caughtUp} lists segments done replaying. */
    private record State(int live, Integer building, Set<Integer> caughtUp) {}

    private final List<Generation> generations;
    private final MongoCollection<Document> states;
    private final MongoDatabase database;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private volatile State state;
    private volatile long stateReadAt;

    CaseViews(
            MongoDatabase havenDatabase,
            TokenStore tokens,
            EventStore events,
            @Lazy EventProcessingConfiguration processing,
            Background background,
            @Value("${axon.eventhandling.processors.caseload.initial-segment-count:1}") int segments) {
        this.generations = List.of(generation(havenDatabase, ""), generation(havenDatabase, "_1"));
        this.states = havenDatabase.getCollection("view_generations");
        this.database = havenDatabase;
        this.processing = processing;
        this.tokens = tokens;
        buildFirstAsRebuild(events, segments);
        background.every("switch to the rebuilt caseload", SWITCH_CHECK_EVERY, this::switchWhenCaughtUp, () -> {});
    }

    private static Generation generation(MongoDatabase database, String suffix) {
        return new Generation(
                database.getCollection(CASE_FILES + suffix),
                database.getCollection(OPEN_CASES + suffix),
                database.getCollection(REFERENCES + suffix),
                database.getCollection(CLOSED_BY_MONTH + suffix),
                database.getCollection(OPEN_CASE_COUNTS + suffix));
    }

    /** The case file of the case with this reference, however it was typed; one key lookup each. */
    Optional<CaseFile> withReference(String typed) {
        var live = live();
        return References.wellFormed(typed)
                .map(reference -> live.references().find(eq("_id", reference)).first())
                .map(known -> live.caseFiles()
                        .find(eq(CaseFile.ID, known.getString("caseId")))
                        .first())
                .map(CaseFile::of);
    }

    /** The rows readers decide access on. */
    public Generation live() {
        return generations.get(state().live());
    }

    /** The rows the projection writes: the generation being built, if any. */
    Generation writing() {
        State now = state();
        return generations.get(now.building() == null ? now.live() : now.building());
    }

    /** Whether a rebuild is under way (the caseload shown is the one from before it). */
    public boolean rebuilding() {
        return state().building() != null;
    }

    /** A rebuild begins: the generation not in use is emptied and written from now on. */
    void startRebuild() {
        int building = 1 - state(true).live();
        var existing = database.listCollectionNames().into(new HashSet<>());
        for (var collection : generations.get(building).all()) {
            if (existing.contains(collection.getNamespace().getCollectionName())) {
                collection.drop();
            }
        }
        OpenCaseCounts.countedFromTheStart(generations.get(building));
        save(new State(state.live(), building, Set.of()));
        log.info("Rebuilding the caseload beside the one in use");
    }

    private void buildFirstAsRebuild(EventStore events, int segments) {
        if (tokens.fetchSegments(PROCESSOR).length > 0) {
            return;
        }
        var head = events.createHeadToken();
        if (head == null || head.position().orElse(-1) < 0) {
            OpenCaseCounts.countedFromTheStart(live()); // nothing happened yet: every case will be counted
            return;
        }
        startRebuild(); // first: were this instance to stop before making the tokens, the next start does both again
        try {
            tokens.initializeTokenSegments(PROCESSOR, segments, ReplayToken.createReplayToken(head, null));
        } catch (RuntimeException madeByAnotherInstance) {
            // an instance starting at the same moment made them and began the same rebuild
        }
    }

    /** Done when every segment has replayed up to where it stood when the rebuild began. */
    void switchWhenCaughtUp() {
        State now = state();
        if (now.building() == null) {
            return;
        }
        var processor = processing
                .eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null) {
            return;
        }
        for (var segment : processor.processingStatus().entrySet()) {
            if (caughtUp(segment.getValue()) && !now.caughtUp().contains(segment.getKey())) {
                states.updateOne(
                        and(eq("_id", PROCESSOR), eq("building", now.building())),
                        addToSet("caughtUp", segment.getKey()));
            }
        }
        now = state(true);
        if (now.building() != null && now.caughtUp().containsAll(segments())) {
            states.updateOne(
                    and(eq("_id", PROCESSOR), eq("building", now.building())),
                    combine(set("live", now.building()), unset("building"), unset("caughtUp")));
            state(true);
            log.info("Rebuilt the caseload; it is now the one in use");
        }
    }

    private Set<Integer> segments() {
        return Arrays.stream(tokens.fetchSegments(PROCESSOR)).boxed().collect(Collectors.toSet());
    }

    private static boolean caughtUp(EventTrackerStatus segment) {
        return !segment.isReplaying()
                || segment.getCurrentPosition().orElse(-1)
                        >= segment.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private State state() {
        return state(false);
    }

    private State state(boolean fresh) {
        if (fresh || state == null || System.nanoTime() - stateReadAt > STATE_KEPT_NANOS) {
            Document stored = states.find(eq("_id", PROCESSOR)).first();
            stateReadAt = System.nanoTime();
            state = stored == null
                    ? new State(0, null, Set.of())
                    : new State(
                            stored.getInteger("live", 0),
                            stored.getInteger("building"),
                            stored.getList("caughtUp", Integer.class, List.of()).stream()
                                    .collect(Collectors.toSet()));
        }
        return state;
    }

    private void save(State next) {
        var stored = new Document("_id", PROCESSOR)
                .append("live", next.live())
                .append("caughtUp", List.copyOf(next.caughtUp()));
        if (next.building() != null) {
            stored.append("building", next.building());
        }
        states.replaceOne(eq("_id", PROCESSOR), stored, new ReplaceOptions().upsert(true));
        state = next;
        stateReadAt = System.nanoTime();
    }
}
