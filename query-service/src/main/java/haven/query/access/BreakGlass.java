package haven.query.access;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Staff;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Emergency access: a case manager reads a case outside their team (a colleague is away, someone
 * is at risk) by giving a reason. The grant is theirs alone, for that case, for a short while;
 * every read under it is logged with the reason. It never overrides an exclusion.
 */
@Component
public class BreakGlass {

    static final String COLLECTION = "break_glass";

    private final MongoCollection<Document> grants;
    private final PersonalDataKeys keys;
    private final Clock clock;
    private final Duration lasts;
    private final AccessLog log;

    BreakGlass(
            MongoDatabase havenDatabase,
            PersonalDataKeys keys,
            Clock clock,
            @Value("${haven.access.break-glass-for:PT1H}") Duration lasts,
            AccessLog log) {
        this.log = log;
        this.grants = havenDatabase.getCollection(COLLECTION);
        this.keys = keys;
        this.clock = clock;
        this.lasts = lasts;
    }

    /** Grants it and logs the grant with its reason. */
    public void grant(String caseId, Staff staff, String reason) {
        String sealedReason = keys.seal(caseId, reason);
        grants.replaceOne(
                eq("_id", id(caseId, staff)),
                new Document("_id", id(caseId, staff))
                        .append("until", Date.from(clock.instant().plus(lasts)))
                        .append("reason", sealedReason),
                new ReplaceOptions().upsert(true));
        log.glassBroken(staff, caseId, sealedReason);
    }

    /** An erased case has nothing left to read, and takes no reason sealed under a new key. */
    public boolean isErased(String caseId) {
        return keys.isErased(caseId);
    }

    /** The sealed reason of this member of staff's grant on the case, while it lasts. */
    public Optional<String> reason(String caseId, Staff staff) {
        Document grant = grants.find(eq("_id", id(caseId, staff))).first();
        return grant == null || grant.getDate("until").toInstant().isBefore(clock.instant())
                ? Optional.empty()
                : Optional.of(grant.getString("reason"));
    }

    private static String id(String caseId, Staff staff) {
        return caseId + "/" + staff.id();
    }
}
