package haven.query.trends;

import static com.mongodb.client.model.Projections.exclude;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.embedded.EmbeddedStore;
import haven.query.views.FailingStore;
import haven.query.views.FailingStore.Lost;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store goes away in the middle of a batch's writes; the processor has not stored the batch's
 * token, so it hands the same batch over again. Whichever write was the first to fail, the second
 * attempt must leave the counts exactly as an uninterrupted batch does: no case counted twice or
 * missed, no mark left behind.
 */
class InterruptedBatchTest {

    static MongoClient client;

    final Pseudonyms pseudonyms = new Pseudonyms("interrupted-batch-test-key");
    final Clock clock = Clock.system(ZoneOffset.UTC);
    final CaseId reportedEarlier = newCaseId();
    final CaseId triagedInBatch = newCaseId();
    final CaseId resolvedInBatch = newCaseId();
    final CaseId otherSegments = newCaseId();
    final CaseId otherSegmentsToo = newCaseId();
    final List<DomainEventMessage<?>> otherSegmentsBatch = List.of(
            reported(otherSegments, "2019-03-20T09:00:00Z"),
            reported(otherSegmentsToo, "2019-04-20T09:00:00Z"),
            message(otherSegments, 1, triage(otherSegments, Category.THREATS), "2019-04-21T09:00:00Z"),
            message(otherSegmentsToo, 1, triage(otherSegmentsToo, Category.THREATS), "2019-04-21T09:00:00Z"));

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedStore.shared().uri("interrupted-batch"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aBatchRetriedAfterAnyOfItsWritesFailedCountsEveryCaseOnce() {
        MongoDatabase reference = client.getDatabase("batch-uninterrupted");
        List<Document> uninterrupted = project(reference, Integer.MAX_VALUE, Lost.NOTHING_DONE);
        reference.drop();
        // recorded in April (first triaged then): three here, two of the other segment's; reopened in May;
        // resolved in April and in May
        assertThat(uninterrupted)
                .extracting(month -> month.getString("_id"))
                .containsExactly("recorded/2019-04", "reopened/2019-05", "resolved/2019-04", "resolved/2019-05");
        assertThat(uninterrupted)
                .extracting(month -> month.getInteger(CaseFacts.ALL))
                .containsExactly(5, 1, 1, 1);
        assertThat(uninterrupted)
                .allSatisfy(month -> assertThat(month.getList(TrendProjection.APPLYING, String.class))
                        .isEmpty());

        for (Lost lost : Lost.values()) {
            int writes = 0;
            for (int failAt = 1; ; failAt++) {
                MongoDatabase database = client.getDatabase("batch-" + lost + "-at-" + failAt);
                List<Document> retried = project(database, failAt, lost);
                database.drop();
                if (retried == null) {
                    break; // the batch made fewer writes than failAt: each of its writes has failed once
                }
                assertThat(retried)
                        .as("write %d failed with %s, then the batch came again", failAt, lost)
                        .isEqualTo(uninterrupted);
                writes = failAt;
            }
            assertThat(writes).as("the batch's writes, each failed once").isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aMonthAnotherSegmentWritesBetweenTheReadAndTheWriteIsReadAgainAndCountsBoth() {
        MongoDatabase reference = client.getDatabase("segments-one-after-the-other");
        var alone = new TrendProjection(reference, pseudonyms, Areas.load(""), Partnership.load(""), clock);
        handle(alone, List.of(reported(reportedEarlier, "2019-03-04T10:00:00Z")));
        handle(alone, batch());
        handle(alone, otherSegmentsBatch);
        List<Document> oneAfterTheOther = months(reference);
        reference.drop();

        // the other segment first makes the months (this segment's insert fails), then changes them (its update misses)
        for (int othersFirst : new int[] {0, 3}) {
            MongoDatabase database = client.getDatabase("segments-interleaved-" + othersFirst);
            var other = new TrendProjection(database, pseudonyms, Areas.load(""), Partnership.load(""), clock);
            if (othersFirst > 0) {
                handle(other, otherSegmentsBatch.subList(0, othersFirst));
            }
            var meanwhile = new AtomicBoolean(true);
            var interleaved = new TrendProjection(
                    beforeFirstMonthWrite(database, () -> {
                        if (meanwhile.getAndSet(false)) { // in a thread of its own, as a segment is
                            inAnotherThread(() ->
                                    handle(other, otherSegmentsBatch.subList(othersFirst, otherSegmentsBatch.size())));
                        }
                    }),
                    pseudonyms,
                    Areas.load(""),
                    Partnership.load(""),
                    clock);
            handle(interleaved, List.of(reported(reportedEarlier, "2019-03-04T10:00:00Z")));
            handle(interleaved, batch());
            assertThat(meanwhile).as("the other segment wrote in between").isFalse();
            assertThat(months(database)).isEqualTo(oneAfterTheOther);
            database.drop();
        }
    }

    /** The database, but {@code first} runs before each write to the months that carries counts. */
    private static MongoDatabase beforeFirstMonthWrite(MongoDatabase database, Runnable first) {
        MongoCollection<Document> months = database.getCollection(TrendProjection.MONTHS);
        @SuppressWarnings("unchecked")
        MongoCollection<Document> watched = (MongoCollection<Document>) Proxy.newProxyInstance(
                MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class},
                (self, method, args) -> {
                    if (method.getName().equals("equals")) {
                        return self == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(self);
                    }
                    if (Set.of("insertOne", "updateOne").contains(method.getName())) {
                        first.run();
                    }
                    try {
                        return method.invoke(months, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, (self, method, args) -> {
                    if (method.getName().equals("getCollection") && TrendProjection.MONTHS.equals(args[0])) {
                        return watched;
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void inAnotherThread(Runnable work) {
        var segment = new Thread(work);
        segment.start();
        try {
            segment.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Document> months(MongoDatabase database) {
        return database.getCollection(TrendProjection.MONTHS)
                .find()
                .projection(exclude(TrendProjection.VERSION)) // how many writes it took differs
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    /**
     * Projects one earlier batch, then the batch under test with its {@code failAt}th write failing,
     * then a batch of the other segment's cases in the same months, then the failed batch again; the
     * months as stored, or null when the batch had no such write.
     */
    private List<Document> project(MongoDatabase database, int failAt, Lost lost) {
        var writes = new AtomicInteger(Integer.MIN_VALUE); // the earlier batch does not fail
        var projection = new TrendProjection(
                FailingStore.database(database, writes, failAt, lost),
                pseudonyms,
                Areas.load(""),
                haven.infra.council.Partnership.load(""),
                clock);
        handle(projection, List.of(reported(reportedEarlier, "2019-03-04T10:00:00Z")));
        writes.set(0);
        var batch = batch();
        try {
            handle(projection, batch);
            handle(projection, otherSegmentsBatch);
        } catch (MongoSocketReadException storeWentAway) {
            assertThat(writes.get()).isEqualTo(failAt);
            handle(projection, otherSegmentsBatch); // must not take the failed batch's marks for leftovers
            handle(projection, batch);
        }
        if (writes.get() < failAt && failAt != Integer.MAX_VALUE) {
            return null;
        }
        return months(database);
    }

    /** The batch under test: three cases triaged, two resolved (one in May), one reopened, in one batch. */
    private List<DomainEventMessage<?>> batch() {
        return List.of(
                reported(triagedInBatch, "2019-04-01T09:00:00Z"),
                message(reportedEarlier, 1, triage(reportedEarlier, Category.BULLYING), "2019-04-01T09:01:00Z"),
                message(triagedInBatch, 1, triage(triagedInBatch, Category.HARASSMENT), "2019-04-01T09:02:00Z"),
                reported(resolvedInBatch, "2019-04-02T09:00:00Z"),
                message(reportedEarlier, 2, resolved(reportedEarlier), "2019-04-03T09:00:00Z"),
                message(triagedInBatch, 2, triage(triagedInBatch, Category.THREATS), "2019-04-03T09:01:00Z"),
                message(resolvedInBatch, 1, triage(resolvedInBatch, Category.BULLYING), "2019-04-03T09:02:00Z"),
                message(resolvedInBatch, 2, resolved(resolvedInBatch), "2019-05-10T09:00:00Z"),
                message(
                        reportedEarlier,
                        3,
                        new CaseReopened(reportedEarlier, "Appeal upheld", "mgr.jones"),
                        "2019-05-11T09:00:00Z"));
    }

    /** As a processor hands a batch over: one unit of work, every event in turn, written when it commits. */
    private static void handle(TrendProjection projection, List<DomainEventMessage<?>> batch) {
        var unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.execute(() -> deliver(projection, unitOfWork.getMessage()));
    }

    private static void deliver(TrendProjection projection, DomainEventMessage<?> message) {
        long sequence = message.getSequenceNumber();
        Object event = message.getPayload();
        if (event instanceof ReportSubmitted report) {
            projection.on(report, sequence, message.getTimestamp());
        } else if (event instanceof CaseTriaged triage) {
            projection.on(triage, sequence, message.getTimestamp());
        } else if (event instanceof CaseResolved resolved) {
            projection.on(resolved, sequence, message.getTimestamp());
        } else {
            projection.on((CaseReopened) event, sequence, message.getTimestamp());
        }
    }

    private static DomainEventMessage<?> message(CaseId caseId, long sequence, Object event, String at) {
        return new GenericDomainEventMessage<>(
                "Case",
                caseId.value(),
                sequence,
                event,
                Map.of(),
                UUID.randomUUID().toString(),
                Instant.parse(at));
    }

    private static DomainEventMessage<?> reported(CaseId caseId, String at) {
        return message(caseId, 0, report(caseId), at);
    }

    private static ReportSubmitted report(CaseId caseId) {
        return new ReportSubmitted(
                caseId,
                "HV-BTCH-00",
                "$2a$10$x",
                ReportType.DIGNITY_AT_WORK,
                Category.DISCRIMINATION,
                LocalDate.parse("2019-03-01"),
                LocationType.WORKPLACE,
                "Housing",
                Set.of(Motivation.RACE),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "narrative",
                List.of(),
                false,
                false,
                null);
    }

    private static CaseTriaged triage(CaseId caseId, Category category) {
        return new CaseTriaged(
                caseId,
                category,
                Set.of(ProtectedCharacteristic.RACE),
                Set.of(),
                RiskLevel.LOW,
                Route.INFORMAL_RESOLUTION,
                LocalDate.parse("2019-04-20"),
                LocalDate.parse("2019-06-01"),
                "cw.lee",
                null);
    }

    private static CaseResolved resolved(CaseId caseId) {
        return new CaseResolved(caseId, Outcome.UPHELD, "Summary", Instant.parse("2019-06-01T00:00:00Z"), "cw.lee");
    }

    private static CaseId newCaseId() {
        return new CaseId(UUID.randomUUID().toString());
    }
}
