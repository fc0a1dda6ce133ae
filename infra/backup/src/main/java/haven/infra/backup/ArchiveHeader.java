package haven.infra.backup;

import haven.infra.privacy.DerivedKey;
import haven.infra.privacy.MasterKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * What an archive says in clear before its sealed content: that it is a Haven backup, how its key
 * is made (from the master key, or from a passphrase for copies kept where the master key is
 * not), with which random salt, and which master key (by fingerprint) its case keys are wrapped
 * by. Every byte of it is authenticated by each frame, so it cannot be changed unnoticed.
 */
record ArchiveHeader(KeyFrom keyFrom, byte[] salt, int iterations, String masterKey, long point, Instant madeAt) {

    static final String MAGIC = "HAVEN-BACKUP 3";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int PASSPHRASE_ITERATIONS = 600_000;

    private static final int MAX_LINE = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    enum KeyFrom {
        MASTER_KEY,
        PASSPHRASE
    }

    static ArchiveHeader fresh(boolean passphrase, String masterKeyBase64, long point) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new ArchiveHeader(
                passphrase ? KeyFrom.PASSPHRASE : KeyFrom.MASTER_KEY,
                salt,
                passphrase ? PASSPHRASE_ITERATIONS : 0,
                MasterKey.fingerprint(masterKeyBase64),
                point,
                Instant.now());
    }

    /** The key of this archive alone: the salt is new for every archive, so frame numbers never repeat under a key. */
    byte[] key(String masterKeyBase64, char[] passphrase) {
        if (keyFrom == KeyFrom.MASTER_KEY) {
            return DerivedKey.hmac(DerivedKey.forPurpose(masterKeyBase64, "haven backup archive v1"), salt);
        }
        try {
            var spec = new PBEKeySpec(passphrase, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every JDK", e);
        }
    }

    /** The key that makes sample digests, which only the master key can recompute. */
    static SecretKeySpec sampleKey(String masterKeyBase64) {
        return DerivedKey.forPurpose(masterKeyBase64, "haven backup sample v1");
    }

    byte[] write(OutputStream out) throws IOException {
        byte[] lines = (MAGIC + "\n"
                        + new Document("keyFrom", keyFrom.name())
                                .append("salt", Base64.getEncoder().encodeToString(salt))
                                .append("iterations", iterations)
                                .append("masterKey", masterKey)
                                .append("point", point)
                                .append("madeAt", madeAt.toString())
                                .toJson()
                        + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.write(lines);
        return digest(lines);
    }

    /** Reads the two clear lines; returns the header and the digest every frame authenticates. */
    static Read read(InputStream in) throws IOException {
        byte[] magic = line(in);
        String first = new String(magic, StandardCharsets.UTF_8);
        if (first.equals("HAVEN-BACKUP 2")) {
            throw new ArchiveRefused("This archive is from an older Haven and holds no case keys, so its personal data"
                    + " could not be read after a restore; make a new backup with this version.");
        }
        if (!first.equals(MAGIC)) {
            throw new ArchiveRefused("Not a Haven backup archive.");
        }
        byte[] second = line(in);
        try {
            Document d = Document.parse(new String(second, StandardCharsets.UTF_8));
            var header = new ArchiveHeader(
                    KeyFrom.valueOf(d.getString("keyFrom")),
                    Base64.getDecoder().decode(d.getString("salt")),
                    d.getInteger("iterations"),
                    d.getString("masterKey"),
                    ((Number) d.get("point")).longValue(),
                    Instant.parse(d.getString("madeAt")));
            if (!header.masterKey.matches("[0-9a-f]{12}")
                    || header.salt.length != 16
                    || header.keyFrom == KeyFrom.PASSPHRASE && header.iterations < PASSPHRASE_ITERATIONS) {
                throw new IllegalArgumentException("out of shape");
            }
            var both = new ByteArrayOutputStream();
            both.write(magic);
            both.write('\n');
            both.write(second);
            both.write('\n');
            return new Read(header, digest(both.toByteArray()));
        } catch (RuntimeException malformed) {
            throw new ArchiveRefused("The archive is damaged: its header cannot be read.");
        }
    }

    record Read(ArchiveHeader header, byte[] digest) {}

    private static byte[] line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0 || line.size() == MAX_LINE) {
                throw new ArchiveRefused("Not a Haven backup archive.");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
