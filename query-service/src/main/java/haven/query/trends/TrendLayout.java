package haven.query.trends;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import haven.query.admin.Processors;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The dimensions the trend counts were made with. The counts are kept per combination of
 * dimensions, so counts made before a dimension existed have none of its cells: when this version
 * counts by other dimensions than the stored counts were made with, the trends are rebuilt from the
 * events once, at start-up, and the admin page shows the rebuild's progress as for any other.
 */
@Component
class TrendLayout {

    private static final Logger log = LoggerFactory.getLogger(TrendLayout.class);
    static final String COLLECTION = "view_layouts";
    private static final String TRENDS = "trends";

    private final MongoCollection<Document> layouts;
    private final MongoCollection<Document> facts;
    private final Processors processors;

    TrendLayout(MongoDatabase havenDatabase, Processors processors) {
        this.layouts = havenDatabase.getCollection(COLLECTION);
        this.facts = havenDatabase.getCollection(TrendProjection.CASES);
        this.processors = processors;
    }

    static List<String> current() {
        return Arrays.stream(TrendDimension.values()).map(TrendDimension::label).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfMadeWithOtherDimensions() {
        Document stored = layouts.find(eq("_id", TRENDS)).first();
        List<String> madeWith = stored == null ? null : stored.getList("dimensions", String.class);
        if (current().equals(madeWith)) {
            return;
        }
        if (facts.find().first() != null) {
            log.info(
                    "The trends were counted by other dimensions than this version's: rebuilding them from the events");
            processors.rebuild(TrendProjection.PROCESSOR);
        }
        layouts.replaceOne(
                eq("_id", TRENDS),
                new Document("_id", TRENDS).append("dimensions", current()),
                new ReplaceOptions().upsert(true));
    }
}
