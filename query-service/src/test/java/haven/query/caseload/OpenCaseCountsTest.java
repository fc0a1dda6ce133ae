package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.MongoSocketReadException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.DeadlineBasis;
import haven.events.DeadlinesSet;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportSubmitted;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.council.Partnership;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.privacy.StaffPseudonyms;
import haven.query.Reports;
import haven.query.views.FailingStore;
import haven.query.views.FailingStore.Lost;
import haven.query.web.Background;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The open-case gauges read counts the caseload keeps as cases move. The store goes away in the
 * middle of a batch's writes and the processor hands the batch over again, longer: whichever write
 * failed first, the counts must come out as an uninterrupted run's and as a count of the rows.
 */
class OpenCaseCountsTest {

    static MongoClient client;

    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    final CaseId overdue = newCaseId();
    final CaseId closed = newCaseId();
    final CaseId reportedLast = newCaseId();
    final List<TrackedEventMessage<?>> events = tracked(List.of(
            message(overdue, 0, Reports.bullyingAtWork(overdue, "HV-CNTS-00")),
            message(overdue, 1, deadlines(overdue, "2026-11-20")),
            message(closed, 0, Reports.bullyingAtWork(closed, "HV-CNTS-00")),
            message(closed, 1, deadlines(closed, "2026-12-10")),
            // the batch that fails
            message(overdue, 2, triage(overdue, RiskLevel.HIGH, "2026-11-25")),
            message(closed, 2, triage(closed, RiskLevel.LOW, "2026-12-20")),
            message(reportedLast, 0, Reports.bullyingAtWork(reportedLast, "HV-CNTS-00")),
            message(
                    closed,
                    3,
                    new CaseResolved(
                            closed, Outcome.UPHELD, "Summary", Instant.parse("2027-01-01T00:00:00Z"), "cw.lee")),
            // handed over with the failed batch when it comes again
            message(closed, 4, new CaseClosed(closed, "cw.lee")),
            message(reportedLast, 1, deadlines(reportedLast, "2026-12-12"))));

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedStore.shared().uri("open-case-counts"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aBatchHandedOverAgainAfterAnyOfItsWritesFailedCountsEveryCaseOnce() {
        MongoDatabase reference = client.getDatabase("counts-uninterrupted");
        Map<String, Integer> uninterrupted = project(reference, Integer.MAX_VALUE, Lost.NOTHING_DONE);
        reference.drop();
        assertThat(uninterrupted)
                .as("triaged and overdue for first contact; closed and counted nowhere; reported, due for triage")
                .isEqualTo(Map.of("TRIAGED/HIGH/2026-11-25", 1, "SUBMITTED/UNTRIAGED/2026-12-12", 1));

        for (Lost lost : Lost.values()) {
            int writes = 0;
            for (int failAt = 1; ; failAt++) {
                MongoDatabase database = client.getDatabase("counts-" + lost + "-at-" + failAt);
                Map<String, Integer> retried = project(database, failAt, lost);
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

    /**
     * An instance remembers the counts it wrote last for a segment. Here the view is emptied and
     * another instance counts the first events again, in a batch of its own, before the segment comes
     * back: what was remembered is not what is stored, and must not be written over it.
     */
    @Test
    void countsStoredByAnotherInstanceSinceAreReadAgainNotWrittenOver() {
        MongoDatabase database = client.getDatabase("counts-two-instances");
        var views = views(database);
        var here = projection(views);
        var there = projection(views(database));
        handle(here, events.subList(0, 4));
        database.drop();
        OpenCaseCounts.countedFromTheStart(views.live());
        handle(there, events.subList(0, 2));

        assertThatThrownBy(() -> handle(here, events.subList(2, 8)))
                .as("the counts this instance remembers were replaced")
                .isInstanceOf(IllegalStateException.class);
        handle(here, events.subList(2, 8)); // handed over again from the token the other instance stored
        handle(here, events.subList(8, 10));

        var counted = OpenCaseCounts.read(views.live()).orElseThrow();
        assertThat(counted).isEqualTo(rowByRow(database));
        assertThat(counted).isEqualTo(Map.of("TRIAGED/HIGH/2026-11-25", 1, "SUBMITTED/UNTRIAGED/2026-12-12", 1));
        database.drop();
    }

    @Test
    void theGaugesReadTheCountsOnceTheViewWasBuiltFromTheStart() {
        MongoDatabase database = client.getDatabase("counts-read");
        project(database, Integer.MAX_VALUE, Lost.NOTHING_DONE);
        var views = views(database);
        assertThat(OpenCaseCounts.read(views.live())).isPresent();

        database.getCollection("open_case_counts").deleteOne(new Document("_id", "complete"));
        assertThat(OpenCaseCounts.read(views.live()))
                .as("counts of a view built before they were kept are not taken for whole")
                .isEmpty();
        database.drop();
    }

    /**
     * Projects the first four events as one batch, then the next four with the {@code failAt}th
     * write failing, then the failed batch again with the last two events too (or those two alone);
     * the counts as read, or null when the batch had no such write.
     */
    private Map<String, Integer> project(MongoDatabase database, int failAt, Lost lost) {
        var writes = new AtomicInteger(Integer.MIN_VALUE); // building the views and the first batch do not fail
        var views = views(FailingStore.database(database, writes, failAt, lost));
        var projection = projection(views);
        handle(projection, events.subList(0, 4));
        writes.set(0);
        try {
            handle(projection, events.subList(4, 8));
            handle(projection, events.subList(8, 10));
        } catch (MongoSocketReadException storeWentAway) {
            assertThat(writes.get()).isEqualTo(failAt);
            handle(projection, events.subList(4, 10));
        }
        if (writes.get() < failAt && failAt != Integer.MAX_VALUE) {
            return null;
        }
        var counted = OpenCaseCounts.read(views.live()).orElseThrow();
        assertThat(counted).as("the counts are the rows' count").isEqualTo(rowByRow(database));
        return counted;
    }

    /** One instance of the query-service, as its projection and the counts it remembers. */
    private CaseloadProjection projection(CaseViews views) {
        return new CaseloadProjection(
                views,
                new StaffPseudonyms("2wWHnACcdJAmCKcTyJ2dkojGYou09GXIPdb1NwTd/co="),
                Partnership.load(""),
                clock,
                new OpenCaseCounts(JacksonSerializer.defaultSerializer()));
    }

    private CaseViews views(MongoDatabase database) {
        var tokens = mock(TokenStore.class);
        when(tokens.fetchSegments(CaseViews.PROCESSOR)).thenReturn(new int[0]);
        return new CaseViews(
                database,
                tokens,
                mock(EventStore.class),
                mock(EventProcessingConfiguration.class),
                mock(Background.class),
                2);
    }

    private static Map<String, Integer> rowByRow(MongoDatabase database) {
        var buckets = new HashMap<String, Integer>();
        for (Document row : database.getCollection("caseload").find()) {
            String bucket = OpenCaseCounts.bucketOf(row);
            if (bucket != null) {
                buckets.merge(bucket, 1, Integer::sum);
            }
        }
        return buckets;
    }

    /** As a tracking processor hands a segment's batch over: one unit of work, its segment and last token, every event in turn. */
    private static void handle(CaseloadProjection projection, List<TrackedEventMessage<?>> batch) {
        var unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.resources().put("Processor[caseload]/SegmentId", 0);
        unitOfWork
                .resources()
                .put("Processor[caseload]/Token", batch.get(batch.size() - 1).trackingToken());
        unitOfWork.execute(() -> deliver(projection, unitOfWork.getMessage()));
    }

    private static void deliver(CaseloadProjection projection, EventMessage<?> message) {
        Object event = message.getPayload();
        if (event instanceof ReportSubmitted report) {
            projection.on(report, message.getTimestamp());
        } else if (event instanceof DeadlinesSet deadlines) {
            projection.on(deadlines);
        } else if (event instanceof CaseTriaged triage) {
            projection.on(triage);
        } else if (event instanceof CaseResolved resolved) {
            projection.on(resolved);
        } else {
            projection.on((CaseClosed) event, message.getTimestamp());
        }
    }

    /** The events at positions 0, 1, 2… of the store. */
    private static List<TrackedEventMessage<?>> tracked(List<GenericDomainEventMessage<?>> messages) {
        var tracked = new ArrayList<TrackedEventMessage<?>>();
        for (var message : messages) {
            tracked.add(new GenericTrackedDomainEventMessage<>(
                    GapAwareTrackingToken.newInstance(tracked.size(), Set.of()), message));
        }
        return tracked;
    }

    private static GenericDomainEventMessage<?> message(CaseId caseId, long sequence, Object event) {
        return new GenericDomainEventMessage<>(
                "Case",
                caseId.value(),
                sequence,
                event,
                Map.of(),
                UUID.randomUUID().toString(),
                Instant.parse("2026-11-18T09:00:00Z").plusSeconds(sequence));
    }

    private static DeadlinesSet deadlines(CaseId caseId, String triageDue) {
        return new DeadlinesSet(
                caseId, LocalDate.parse(triageDue), null, LocalDate.parse("2027-02-01"), DeadlineBasis.RECEIPT);
    }

    private static CaseTriaged triage(CaseId caseId, RiskLevel risk, String firstContactDue) {
        return new CaseTriaged(
                caseId,
                Category.HARASSMENT,
                Set.of(ProtectedCharacteristic.RACE),
                Set.of(),
                risk,
                Route.INFORMAL_RESOLUTION,
                LocalDate.parse(firstContactDue),
                LocalDate.parse("2027-01-10"),
                "cw.lee",
                null);
    }

    private static CaseId newCaseId() {
        return new CaseId(UUID.randomUUID().toString());
    }
}
