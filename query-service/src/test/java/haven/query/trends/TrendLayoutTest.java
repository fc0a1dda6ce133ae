package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counts made by another version's dimensions are rebuilt from the events, once, when the service starts. */
@QueryServiceTest(database = "trend-layout-tests")
class TrendLayoutTest {

    @Autowired
    TrendLayout layout;

    @Autowired
    MongoDatabase database;

    @Autowired
    EventStore events;

    @Test
    void countsMadeByOtherDimensionsAreRebuiltOnceFromTheEvents() {
        var stream = new CaseStream(events);
        stream.append(Reports.bullyingAtWork(stream.caseId(), "HV-LAYT-22"))
                .append(new CaseTriaged(
                        stream.caseId(),
                        Category.BULLYING,
                        Set.of(),
                        Set.of(),
                        RiskLevel.LOW,
                        Route.INFORMAL_RESOLUTION,
                        LocalDate.now().plusDays(5),
                        LocalDate.now().plusDays(40),
                        "cw.lee",
                        null));
        var counts = database.getCollection(TrendProjection.MONTHS);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.countDocuments() > 0);
        // as an earlier version, without the respondent dimension, left them (and a count gone astray)
        database.getCollection(TrendLayout.COLLECTION)
                .replaceOne(
                        new Document("_id", "trends"),
                        new Document("_id", "trends").append("dimensions", List.of("type", "category")));
        counts.deleteMany(new Document());

        layout.rebuildIfMadeWithOtherDimensions();

        await().atMost(Duration.ofSeconds(20)).until(() -> counts.countDocuments() > 0);
        assertThat(database.getCollection(TrendLayout.COLLECTION)
                        .find(new Document("_id", "trends"))
                        .first()
                        .getList("dimensions", String.class))
                .isEqualTo(TrendLayout.current())
                .contains("respondent");
        long rebuilt = counts.countDocuments();
        layout.rebuildIfMadeWithOtherDimensions(); // the same dimensions: nothing is rebuilt again
        assertThat(counts.countDocuments()).isEqualTo(rebuilt);
    }
}
