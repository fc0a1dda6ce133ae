package haven.infra.backup;

import haven.infra.privacy.DerivedKey;
import haven.infra.privacy.EvidenceFiles;
import haven.infra.privacy.PersonalDataKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * What an archive holds, section by section, and the sample of sealed fields that proves a restore
 * reads personal data exactly as it was. Restore writes only these collections, whatever an
 * archive says.
 */
final class Sections {

    static final String COUNTERS = "event_counters";
    static final String EVENTS = "events";
    static final String REPORTER_ACCESS = "reporter_access";
    static final String KEYS = PersonalDataKeys.COLLECTION;
    static final String ERASED = PersonalDataKeys.ERASED;
    static final String EVIDENCE_FILES = EvidenceFiles.FILES;
    static final String EVIDENCE_CHUNKS = EvidenceFiles.CHUNKS;
    static final String ACCESS_LOG = "access_log";
    static final String ACCESS_LOG_HEAD = "access_log_head";
    /** Not a collection: digests of sealed fields, checked after a restore and never written. */
    static final String SAMPLE = "sample";

    static final List<String> COLLECTIONS = List.of(
            COUNTERS,
            EVENTS,
            REPORTER_ACCESS,
            KEYS,
            ERASED,
            EVIDENCE_FILES,
            EVIDENCE_CHUNKS,
            ACCESS_LOG,
            ACCESS_LOG_HEAD);
    static final Set<String> KNOWN = Set.of(
            COUNTERS,
            EVENTS,
            REPORTER_ACCESS,
            KEYS,
            ERASED,
            EVIDENCE_FILES,
            EVIDENCE_CHUNKS,
            ACCESS_LOG,
            ACCESS_LOG_HEAD,
            SAMPLE);

    private static final Pattern SEALED = Pattern.compile("sealed:v1:[A-Za-z0-9_/:+=-]+");

    private Sections() {}

    /** The sealed values in an event's payload, in order. */
    static List<String> sealedIn(Document event) {
        String payload = event.getString("payload");
        var found = new ArrayList<String>();
        if (payload != null) {
            SEALED.matcher(payload).results().forEach(m -> found.add(m.group()));
        }
        return found;
    }

    /**
     * A keyed digest of what an event's sealed fields read, or empty when one of its keys is gone
     * (an erased case): the backup and the restore each compute it with their own store's keys.
     */
    static Optional<String> digestOf(Document event, PersonalDataKeys keys, SecretKeySpec sampleKey) {
        var plain = new StringBuilder().append(event.get("_id"));
        for (String sealed : sealedIn(event)) {
            Optional<String> opened = keys.open(sealed);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            plain.append('\u0000').append(opened.get());
        }
        return Optional.of(HexFormat.of()
                .formatHex(DerivedKey.hmac(sampleKey, plain.toString().getBytes(StandardCharsets.UTF_8))));
    }
}
