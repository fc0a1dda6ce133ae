package haven.command.escalation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The last day whose missed deadlines have all been escalated, shared by every instance. */
@Component
class SweepProgress {

    private static final String ID = "escalation-sweep";

    private final MongoCollection<Document> progress;

    SweepProgress(MongoDatabase havenDatabase) {
        this.progress = havenDatabase.getCollection("escalation_progress");
    }

    /** Null before the first sweep. */
    LocalDate sweptThrough() {
        Document stored = progress.find(eq("_id", ID)).first();
        return stored == null ? null : LocalDate.parse(stored.getString("through"));
    }

    void forget() {
        progress.deleteOne(eq("_id", ID));
    }

    void sweptThrough(LocalDate day) {
        progress.replaceOne(
                eq("_id", ID),
                new Document("_id", ID).append("through", day.toString()),
                new ReplaceOptions().upsert(true));
    }
}
