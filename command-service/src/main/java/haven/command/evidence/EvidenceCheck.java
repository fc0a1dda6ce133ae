package haven.command.evidence;

import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * What an evidence file may be: photos, screenshots, PDFs and plain text, no larger than the limit.
 * Its type is sniffed from its bytes with Apache Tika; the type its name claims must be the same,
 * so a program or a web page renamed {@code photo.jpg} is refused, as is anything else (an Office
 * document cannot be told from any other zip by its bytes alone: saved as PDF, it is accepted).
 */
@Component
public class EvidenceCheck {

    /** A file as it will be kept: its bytes, the type they are, and the name it was given. */
    public record Accepted(byte[] bytes, String contentType, String fileName) {}

    /** The types accepted, each with the extensions its name may end with. */
    static final Map<String, List<String>> TYPES = Map.of(
            "image/jpeg", List.of("jpg", "jpeg"),
            "image/png", List.of("png"),
            "image/gif", List.of("gif"),
            "image/webp", List.of("webp"),
            "image/heic", List.of("heic"),
            "application/pdf", List.of("pdf"),
            "text/plain", List.of("txt"));

    static final int MAX_NAME = 200;

    private final Tika tika = new Tika();
    private final long maxBytes;

    EvidenceCheck(@Value("${haven.evidence.max-file-size:8MB}") DataSize maxSize) {
        this.maxBytes = maxSize.toBytes();
    }

    /** The file, or a refusal naming the field {@code file} (never repeating its name or content). */
    public Accepted check(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw refused("must be a file that is not empty");
        }
        if (file.getSize() > maxBytes) {
            throw new FileTooLarge("must be at most " + inWords(maxBytes));
        }
        String name = nameOf(file);
        byte[] bytes = bytesOf(file);
        String sniffed = tika.detect(bytes);
        if (!TYPES.containsKey(sniffed)) {
            throw refused("must be a photo or screenshot (JPEG, PNG, GIF, WebP, HEIC), a PDF or plain text");
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (name.indexOf('.') < 0 || !TYPES.get(sniffed).contains(extension)) {
            throw refused("is not what its name says it is: its name must end in ."
                    + TYPES.get(sniffed).get(0));
        }
        return new Accepted(bytes, sniffed, name);
    }

    private static String inWords(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    /** The name without any folder a browser sent with it, in one line. */
    private static String nameOf(MultipartFile file) {
        String given = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw refused("must have a name of 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static byte[] bytesOf(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidRequest refused(String reason) {
        return new InvalidRequest(List.of(new InvalidField("file", reason)));
    }

    /** Refused with 413: the file, not the request, is over the limit. */
    public static final class FileTooLarge extends InvalidRequest {
        FileTooLarge(String reason) {
            super(List.of(new InvalidField("file", reason)));
        }
    }
}
