package haven.command.report;

import haven.infra.security.ReceiptHashes;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Issues the references and receipts reporters follow up with.
 * A receipt is shown once and kept only as its keyed hash ({@link ReceiptHashes}); {@code ReceiptGuard} checks it.
 */
@Component
class ReceiptIssuer {

    /** No 0/O, 1/I/L or U: a reference is read aloud and copied by hand. */
    private static final String REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int RECEIPT_DIGITS = 16;

    private final SecureRandom random = new SecureRandom();
    private final ReceiptHashes hashes;

    ReceiptIssuer(ReceiptHashes hashes) {
        this.hashes = hashes;
    }

    String newReference() {
        return "HV-" + randomChars(4) + "-" + randomChars(2);
    }

    String newReceipt() {
        var digits = new StringBuilder(RECEIPT_DIGITS);
        for (int i = 0; i < RECEIPT_DIGITS; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    String hash(String receipt) {
        return hashes.of(receipt);
    }

    private String randomChars(int count) {
        var chars = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            chars.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
        }
        return chars.toString();
    }
}
