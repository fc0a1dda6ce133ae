package haven.query.admin;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import haven.query.web.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Shares each projection's segments fairly between the query-service instances running.
 *
 * <p>Every instance has a thread per segment, so one instance alone can hold them all and takes
 * over a stopped or killed instance's segments once their claims lapse (Axon's token store).
 * But Axon does not balance: the first instance to start holds everything. So each instance
 * records a heartbeat in {@code query_instances}; one holding more than its fair share of a
 * projection's segments (segments ÷ live instances, rounded up) lets one go, for a while, to be
 * claimed by an instance with fewer.
 */
@Component
class SegmentSharing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);
    static final Duration BEAT = Duration.ofSeconds(5);
    /** An instance not heard from for this long is gone (killed, or cut off from the store). */
    static final Duration GONE_AFTER = Duration.ofSeconds(20);

    private final String me = UUID.randomUUID().toString();
    private final MongoCollection<Document> instances;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final Clock clock;
    private volatile boolean leaving;

    SegmentSharing(
            MongoDatabase havenDatabase,
            EventProcessingConfiguration processing,
            TokenStore tokens,
            Clock clock,
            Background background) {
        this.instances = havenDatabase.getCollection("query_instances");
        this.processing = processing;
        this.tokens = tokens;
        this.clock = clock;
        background.every("share projection segments", BEAT, this::beat, () -> {});
    }

    private void beat() {
        if (leaving) {
            return;
        }
        Instant now = clock.instant();
        instances.replaceOne(
                eq("_id", me),
                new Document("_id", me).append("seenAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
        long live = 0;
        for (Document instance : instances.find()) { // a handful of rows
            if (instance.getDate("seenAt").toInstant().isAfter(now.minus(GONE_AFTER))) {
                live++;
            } else if (instance.getDate("seenAt").toInstant().isBefore(now.minus(GONE_AFTER.multipliedBy(30)))) {
                instances.deleteOne(eq("_id", instance.get("_id")));
            }
        }
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                share(streaming, Math.max(1, live));
            }
        }
    }

    private void share(StreamingEventProcessor processor, long live) {
        int segments = tokens.fetchSegments(processor.getName()).length;
        long fairShare = (segments + live - 1) / live;
        var held = processor.processingStatus().keySet();
        if (held.size() > fairShare && !processor.isReplaying()) {
            int segment = held.iterator().next();
            log.info(
                    "Releasing segment {} of {} for another instance ({} instances, {} segments)",
                    segment,
                    processor.getName(),
                    live,
                    segments);
            processor.releaseSegment(segment);
        }
    }

    /** Leaves at once on a clean stop, so the others count one instance fewer without waiting for it to lapse. */
    @Override
    public void destroy() {
        leaving = true;
        try {
            instances.deleteOne(eq("_id", me));
        } catch (RuntimeException storeAway) {
            // the heartbeat lapses by itself
        }
    }
}
