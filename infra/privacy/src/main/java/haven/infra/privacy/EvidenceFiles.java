package haven.infra.privacy;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Optional;
import org.bson.BsonString;

/**
 * Evidence files (photos, screenshots, letters), sealed with their case's key and kept in MongoDB
 * through GridFS ({@code evidence.files} and {@code evidence.chunks}). Each file's GridFS name is
 * its case's id, never what it was called: the name someone gave it is personal data, kept sealed
 * in the case's events. Destroying the case's key leaves its files unreadable; erasure deletes them
 * too ({@link #deleteCase}), to free the space.
 */
public class EvidenceFiles {

    public static final String BUCKET = "evidence";
    public static final String FILES = BUCKET + ".files";
    public static final String CHUNKS = BUCKET + ".chunks";

    private final GridFSBucket bucket;
    private final PersonalDataKeys keys;

    public EvidenceFiles(MongoDatabase database, PersonalDataKeys keys) {
        this.bucket = GridFSBuckets.create(database, BUCKET);
        this.keys = keys;
    }

    /** Seals the file with the case's key and stores it under {@code fileId}. */
    public void store(String caseId, String fileId, byte[] plain) {
        byte[] sealed = keys.sealBytes(caseId, fileId, plain);
        bucket.uploadFromStream(
                new BsonString(fileId), caseId, new ByteArrayInputStream(sealed), new GridFSUploadOptions());
    }

    /** The file as it was uploaded; empty when there is no such file of that case, or its key is destroyed. */
    public Optional<byte[]> open(String caseId, String fileId) {
        GridFSFile stored = bucket.find(eq("_id", fileId)).first();
        if (stored == null || !caseId.equals(stored.getFilename())) {
            return Optional.empty();
        }
        var sealed = new ByteArrayOutputStream((int) stored.getLength());
        bucket.downloadToStream(new BsonString(fileId), sealed);
        return keys.openBytes(caseId, fileId, sealed.toByteArray());
    }

    /** Removes one file (stored for a command the case then refused); nothing if it is not there. */
    public void delete(String fileId) {
        try {
            bucket.delete(new BsonString(fileId));
        } catch (MongoGridFSException notThere) {
            // already gone: the state wanted
        }
    }

    /** Removes every file of the case (a scan of the file list: erasure is rare). */
    public void deleteCase(String caseId) {
        var ids = new ArrayList<String>();
        bucket.find(eq("filename", caseId))
                .forEach(file -> ids.add(file.getId().asString().getValue()));
        ids.forEach(this::delete);
    }
}
