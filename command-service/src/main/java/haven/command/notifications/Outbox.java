package haven.command.notifications;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Mail waiting to be sent ({@code mail_outbox}), by the event and recipient it is for, so an event
 * seen twice queues its mail once. Sending is retried from here and never holds up the command that
 * caused it. An entry may hold a reporter's address until it is sent; the case's erasure removes it.
 */
@Component
class Outbox {

    record Pending(String id, String caseId, Mail mail, int attempts, Instant queuedAt) {}

    private final MongoCollection<Document> outbox;

    Outbox(MongoDatabase havenDatabase) {
        this.outbox = havenDatabase.getCollection("mail_outbox");
    }

    void queue(String id, String caseId, Mail mail, Instant now) {
        outbox.updateOne(
                eq("_id", id),
                combine(
                        setOnInsert("caseId", caseId),
                        setOnInsert("to", mail.to()),
                        setOnInsert("subject", mail.subject()),
                        setOnInsert("body", mail.body()),
                        setOnInsert("attempts", 0),
                        setOnInsert("queuedAt", Date.from(now)),
                        setOnInsert("nextAttemptAt", Date.from(now))),
                new UpdateOptions().upsert(true));
    }

    /** What is due for sending; the outbox is as long as the mail not yet delivered. */
    List<Pending> due(Instant now) {
        var due = new ArrayList<Pending>();
        outbox.find(lte("nextAttemptAt", Date.from(now)))
                .forEach(entry -> due.add(new Pending(
                        entry.getString("_id"),
                        entry.getString("caseId"),
                        new Mail(entry.getString("to"), entry.getString("subject"), entry.getString("body")),
                        entry.getInteger("attempts", 0),
                        entry.getDate("queuedAt").toInstant())));
        return due;
    }

    /** Takes an entry for sending until {@code until}: of several instances, only one sends it. */
    boolean claim(Pending pending, Instant now, Instant until) {
        return outbox.updateOne(
                                and(eq("_id", pending.id()), lte("nextAttemptAt", Date.from(now))),
                                set("nextAttemptAt", Date.from(until)))
                        .getModifiedCount()
                == 1;
    }

    void sent(Pending pending) {
        outbox.deleteOne(eq("_id", pending.id()));
    }

    void retryAt(Pending pending, Instant next) {
        outbox.updateOne(eq("_id", pending.id()), combine(inc("attempts", 1), set("nextAttemptAt", Date.from(next))));
    }

    void forgetCase(String caseId) {
        outbox.deleteMany(eq("caseId", caseId));
    }
}
