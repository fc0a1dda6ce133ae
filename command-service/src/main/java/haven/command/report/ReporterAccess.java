package haven.command.report;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import haven.events.CaseId;
import haven.infra.security.ReceiptGuard;
import haven.infra.security.ReceiptHashes;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's own small table from reference to case and receipt hash: it makes references
 * unique (the reference is the key) and lets a reporter act on their case without signing in.
 */
@Component
class ReporterAccess {

    private final MongoCollection<Document> entries;
    private final ReceiptIssuer receipts;
    private final ReceiptGuard guard;

    ReporterAccess(MongoDatabase havenDatabase, ReceiptIssuer receipts, ReceiptGuard guard) {
        this.entries = havenDatabase.getCollection("reporter_access");
        this.receipts = receipts;
        this.guard = guard;
    }

    /** Reserves a fresh reference for the case; retries on the rare clash. */
    String register(CaseId caseId, String receiptHash) {
        while (true) {
            String reference = receipts.newReference();
            try {
                entries.insertOne(new Document("_id", reference)
                        .append("caseId", caseId.value())
                        .append("receiptHash", receiptHash));
                return reference;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    void forget(String reference) {
        entries.deleteOne(eq("_id", reference));
    }

    /**
     * The case a reference and receipt open; see {@link ReceiptGuard} for timing and throttling. A
     * receipt still kept as bcrypt hashed it is kept the new way from now on.
     */
    Optional<CaseId> open(String reference, String receipt, String client) {
        Document entry = entries.find(eq("_id", ReceiptGuard.normaliseReference(reference)))
                .first();
        String hash = entry == null ? null : entry.getString("receiptHash");
        if (!guard.opens(reference, receipt, client, hash)) {
            return Optional.empty();
        }
        if (ReceiptHashes.isLegacy(hash)) {
            entries.updateOne(eq("_id", entry.getString("_id")), Updates.set("receiptHash", receipts.hash(receipt)));
        }
        return Optional.of(new CaseId(entry.getString("caseId")));
    }
}
