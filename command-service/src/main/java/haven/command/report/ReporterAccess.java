package haven.command.report;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import java.util.Locale;
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

    ReporterAccess(MongoDatabase havenDatabase, ReceiptIssuer receipts) {
        this.entries = havenDatabase.getCollection("reporter_access");
        this.receipts = receipts;
    }

    /** Reserves a fresh reference for the case; retries on the rare clash. */
    String register(CaseId caseId, String receiptHash) {
        while (true) {
            String reference = receipts.newReference();
            try {
                entries.insertOne(new Document("_id", reference).append("caseId", caseId.value())
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

    /** The case a reference and receipt open, checked in the same time whether or not the reference exists. */
    Optional<CaseId> open(String reference, String receipt) {
        Document entry = entries.find(eq("_id", reference.trim().toUpperCase(Locale.ROOT))).first();
        String hash = entry == null ? null : entry.getString("receiptHash");
        return receipts.matches(receipt, hash) ? Optional.of(new CaseId(entry.getString("caseId"))) : Optional.empty();
    }
}
