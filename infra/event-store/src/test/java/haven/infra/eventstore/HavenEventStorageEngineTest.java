package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import haven.infra.embedded.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HavenEventStorageEngineTest {

    record Deposited(String account, int amount) {}

    final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    final MutableClock clock = new MutableClock();
    com.mongodb.client.MongoClient client;
    MongoDatabase database;
    HavenEventStorageEngine engine;

    @BeforeEach
    void freshStore() {
        client = MongoClients.create(EmbeddedStore.shared().uri("engine"));
        database = client.getDatabase("engine-" + UUID.randomUUID());
        engine = engine(() -> {});
    }

    @AfterEach
    void close() {
        client.close();
    }

    HavenEventStorageEngine engine(Runnable afterReserve) {
        return HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .gapTimeout(Duration.ofSeconds(10))
                .clock(clock)
                .afterReserve(afterReserve)
                .batchSize(50)
                .build();
    }

    static DomainEventMessage<Deposited> event(String account, long sequence, int amount) {
        return new GenericDomainEventMessage<>("Account", account, sequence, new Deposited(account, amount));
    }

    @Test
    void anAggregatesEventsComeBackInOrderAcrossManyPages() {
        IntStream.range(0, 230).forEach(i -> engine.appendEvents(event("a", i, i)));
        engine.appendEvents(event("b", 0, 1));

        var loaded = engine.readEvents("a")
                .asStream()
                .map(e -> ((Deposited) e.getPayload()).amount())
                .toList();

        assertThat(loaded)
                .containsExactlyElementsOf(IntStream.range(0, 230).boxed().toList());
        assertThat(engine.readEvents("a", 200).asStream().count()).isEqualTo(30);
        assertThat(engine.lastSequenceNumberFor("a")).contains(229L);
        assertThat(engine.lastSequenceNumberFor("b")).contains(0L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void everyEventGetsTheNextGlobalPositionAndAMultiEventCommitIsOneDocumentOverOneBlock() {
        engine.appendEvents(event("a", 0, 1));
        engine.appendEvents(List.of(event("b", 0, 1), event("b", 1, 2), event("b", 2, 3)));

        assertThat(positionsInStore()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(database.getCollection(HavenEventStorageEngine.EVENTS).countDocuments())
                .isEqualTo(2);
        assertThat(engine.readEvents("b", 1).asStream().map(e -> ((Deposited) e.getPayload()).amount()))
                .containsExactly(2, 3);
        assertThat(engine.lastSequenceNumberFor("b")).contains(2L);
        assertThat(track(null).stream().map(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex()))
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(database.getCollection(HavenEventStorageEngine.COUNTERS)
                        .find()
                        .first()
                        .getLong("next"))
                .isEqualTo(4L);
    }

    @Test
    void aRacingWriterGetsAConcurrencyExceptionStoresNothingAndLeavesNoGapToWaitFor() {
        engine.appendEvents(event("a", 0, 1));
        engine.appendEvents(event("a", 1, 2));

        assertThatThrownBy(() -> engine.appendEvents(List.of(event("a", 1, 99), event("a", 2, 99))))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("a", 2, 3));

        assertThat(engine.readEvents("a").asStream().map(e -> ((Deposited) e.getPayload()).amount()))
                .containsExactly(1, 2, 3);
        var tracked = track(null);
        assertThat(amounts(tracked)).containsExactly(1, 2, 3);
        assertThat(((GapAwareTrackingToken) last(tracked).trackingToken()).getGaps())
                .isEmpty();
    }

    @Test
    void appendsArrivingWhileOneIsWrittenShareOneReservationAndOneInsertAndARacerFailsAlone() throws Exception {
        var reservations = new AtomicInteger();
        var firstReserved = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var grouped = engine(() -> {
            if (reservations.incrementAndGet() == 1) {
                firstReserved.countDown();
                await(release);
            }
        });
        var outcomes = new ConcurrentHashMap<String, Throwable>();
        var first = appendOnItsOwnThread(grouped, event("first", 0, 0), outcomes);
        assertThat(firstReserved.await(5, TimeUnit.SECONDS)).isTrue();
        var queued = new ArrayList<Thread>();
        IntStream.rangeClosed(1, 5)
                .forEach(n -> queued.add(appendOnItsOwnThread(grouped, event("acc-" + n, 0, n), outcomes)));
        queued.add(appendOnItsOwnThread(grouped, event("first", 0, 99), outcomes)); // races the first
        while (queued.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            Thread.onSpinWait(); // each is queued behind the first
        }
        release.countDown();
        first.join();
        for (Thread thread : queued) {
            thread.join();
        }

        assertThat(reservations).as("reservations for seven appends").hasValue(2);
        assertThat(outcomes).containsOnlyKeys("first/99");
        assertThat(outcomes.get("first/99")).isInstanceOf(AggregateStreamCreationException.class);
        var tracked = track(null);
        assertThat(amounts(tracked)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(((GapAwareTrackingToken) last(tracked).trackingToken()).getGaps())
                .as("the racer's position is a tombstone, not a gap to wait for")
                .isEmpty();
        assertThat(positionsInStore()).hasSize(6).allMatch(position -> position < 7);
    }

    @Test
    void manyThreadsAskingWhetherAnAggregateMovedOnEachGetTheirOwnAnswer() throws Exception {
        engine.appendEvents(List.of(event("a", 0, 1), event("a", 1, 2), event("a", 2, 3)));
        engine.appendEvents(event("b", 0, 1));
        var wrong = new AtomicInteger();
        var askers = IntStream.range(0, 8)
                .mapToObj(n -> new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        long sequence = (n + i) % 5 - 1; // -1 (nothing yet) to 3
                        boolean aMovedOn = sequence < 2;
                        boolean bMovedOn = sequence < 0;
                        if (engine.hasEventAfter("a", sequence) != aMovedOn
                                || engine.hasEventAfter("b", sequence) != bMovedOn) {
                            wrong.incrementAndGet();
                        }
                    }
                }))
                .toList();
        askers.forEach(Thread::start);
        for (Thread asker : askers) {
            asker.join();
        }

        assertThat(wrong).hasValue(0);
    }

    private static Thread appendOnItsOwnThread(
            HavenEventStorageEngine engine, DomainEventMessage<Deposited> event, Map<String, Throwable> failures) {
        var thread = new Thread(() -> {
            try {
                engine.appendEvents(event);
            } catch (RuntimeException e) {
                failures.put(
                        event.getAggregateIdentifier() + "/"
                                + event.getPayload().amount(),
                        e);
            }
        });
        thread.start();
        return thread;
    }

    @Test
    void aTrackingReaderSeesEveryEventOnceInPositionOrderAndResumesFromItsToken() {
        IntStream.range(0, 120).forEach(i -> engine.appendEvents(event("acc-" + (i % 7), i / 7, i)));

        var firstPass = track(null);
        IntStream.range(120, 130).forEach(i -> engine.appendEvents(event("late-" + i, 0, i)));
        var secondPass = track(last(firstPass).trackingToken());

        assertThat(amounts(firstPass))
                .containsExactlyElementsOf(IntStream.range(0, 120).boxed().toList());
        assertThat(amounts(secondPass))
                .containsExactlyElementsOf(IntStream.range(120, 130).boxed().toList());
    }

    @Test
    void aReaderFarBehindAsksWhereTheHeadIsOnceNotForEveryPageAndStillSeesWhatCameLater() {
        IntStream.range(0, 500).forEach(i -> engine.appendEvents(event("acc-" + (i % 7), i / 7, i)));
        var headReads = new AtomicInteger();
        try (var counting = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(EmbeddedStore.shared().uri("engine")))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent started) {
                        if (started.getCommandName().equals("find")
                                && started.getCommand()
                                        .getString("find")
                                        .getValue()
                                        .equals(HavenEventStorageEngine.COUNTERS)) {
                            headReads.incrementAndGet();
                        }
                    }
                })
                .build())) {
            var reader = HavenEventStorageEngine.builder()
                    .database(counting.getDatabase(database.getName()))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .batchSize(50)
                    .build();

            var caughtUp = reader.readEvents(null, false).toList();
            assertThat(amounts(caughtUp))
                    .containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
            assertThat(headReads.get()).as("pages of 50: ten").isLessThanOrEqualTo(2);

            IntStream.range(500, 510).forEach(i -> engine.appendEvents(event("late-" + i, 0, i)));
            assertThat(amounts(reader.readEvents(last(caughtUp).trackingToken(), false)
                            .toList()))
                    .containsExactlyElementsOf(IntStream.range(500, 510).boxed().toList());
        }
    }

    @Test
    void aPositionReservedButNotYetVisibleIsHeldAsAGapAndDeliveredWhenItLands() throws Exception {
        var reserved = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = engine(() -> {
            reserved.countDown();
            await(release);
        });
        var slowWrite = CompletableFuture.runAsync(() -> slow.appendEvents(event("slow", 0, 100)));
        assertThat(reserved.await(5, TimeUnit.SECONDS)).isTrue();
        engine.appendEvents(event("fast", 0, 200));

        var beforeItLands = track(null);
        assertThat(amounts(beforeItLands)).containsExactly(200);
        TrackingToken token = last(beforeItLands).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(0L);

        clock.advance(Duration.ofSeconds(5)); // still within the gap timeout
        release.countDown();
        slowWrite.get(5, TimeUnit.SECONDS);

        var afterItLands = track(token);
        assertThat(amounts(afterItLands)).containsExactly(100);
        assertThat(((GapAwareTrackingToken) last(afterItLands).trackingToken()).getGaps())
                .isEmpty();
    }

    @Test
    void aGapThatNeverFillsIsDroppedAfterTheTimeout() {
        database.getCollection(HavenEventStorageEngine.COUNTERS)
                .insertOne(new Document("_id", "events").append("next", 1L)); // a writer that died after reserving 0
        engine.appendEvents(event("a", 0, 1));
        var tracked = track(null);
        assertThat(((GapAwareTrackingToken) last(tracked).trackingToken()).getGaps())
                .containsExactly(0L);

        clock.advance(Duration.ofSeconds(11));
        engine.appendEvents(event("a", 1, 2));
        var later = track(last(tracked).trackingToken());

        assertThat(amounts(later)).containsExactly(2);
        assertThat(((GapAwareTrackingToken) last(later).trackingToken()).getGaps())
                .isEmpty();
    }

    @Test
    void aWriterWhoseClockIsBehindLosesNothing() {
        engine.appendEvents(event("a", 0, 1));
        var tracked = track(null);
        engine.appendEvents(new GenericDomainEventMessage<>(
                "Account",
                "skewed",
                0,
                new Deposited("skewed", 2),
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                Instant.now().minus(Duration.ofHours(1))));

        assertThat(amounts(track(last(tracked).trackingToken()))).containsExactly(2);
    }

    @Test
    void aWindowOfTombstonesDoesNotStallTheReader() {
        engine.appendEvents(event("a", 0, 1));
        for (int i = 0; i < 120; i++) { // more failed appends than one batch
            assertThatThrownBy(() -> engine.appendEvents(event("a", 0, 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        engine.appendEvents(event("a", 1, 2));

        assertThat(amounts(track(null))).containsExactly(1, 2);
    }

    @Test
    void theNewestSnapshotIsKept() {
        var older = new GenericDomainEventMessage<>("Account", "a", 5, new Deposited("a", 5));
        var newer = new GenericDomainEventMessage<>("Account", "a", 9, new Deposited("a", 9));
        engine.storeSnapshot(newer);
        engine.storeSnapshot(older);

        assertThat(engine.readSnapshot("a"))
                .hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(9));
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void aTokenAtAnInstantStartsAtTheFirstEventFromThen() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>(
                    "Account",
                    "a",
                    i,
                    new Deposited("a", i),
                    MetaData.emptyInstance(),
                    UUID.randomUUID().toString(),
                    start.plusSeconds(i)));
        }
        assertThat(amounts(track(engine.createTokenAt(start.plusSeconds(25)))))
                .first()
                .isEqualTo(25);
        assertThat(engine.createTokenAt(start.minusSeconds(1))).isNull();
    }

    @Test
    void upcastersRunOnEverythingRead() {
        var upcastingEngine = HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new DoubleEveryAmount())
                .build();
        upcastingEngine.appendEvents(event("a", 0, 21));

        assertThat(upcastingEngine.readEvents("a").asStream().map(e -> ((Deposited) e.getPayload()).amount()))
                .containsExactly(42);
        assertThat(amounts(upcastingEngine.readEvents(null, false).toList())).containsExactly(42);
    }

    /** Stands for a real schema change: revision null of Deposited counted in halves. */
    static final class DoubleEveryAmount extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(Deposited.class.getName())
                    && representation.getType().getRevision() == null;
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(Deposited.class.getName(), "2"), JsonNode.class, node -> {
                        ((ObjectNode) node).put("amount", node.get("amount").asInt() * 2);
                        return node;
                    });
        }
    }

    private List<Long> positionsInStore() {
        var positions = new ArrayList<Long>();
        database.getCollection(HavenEventStorageEngine.EVENTS)
                .find()
                .forEach(stored ->
                        HavenEventStorageEngine.eventsIn(stored).forEach(e -> positions.add(e.getLong("_id"))));
        return positions;
    }

    private List<? extends TrackedEventMessage<?>> track(TrackingToken from) {
        return engine.readEvents(from, false).toList();
    }

    private static List<Integer> amounts(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((Deposited) e.getPayload()).amount()).toList();
    }

    private static TrackedEventMessage<?> last(List<? extends TrackedEventMessage<?>> events) {
        return events.get(events.size() - 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
