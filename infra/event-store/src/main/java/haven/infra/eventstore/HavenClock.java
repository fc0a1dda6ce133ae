package haven.infra.eventstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * The council's time: the system clock in the council's time zone. For tests and demonstrations
 * only ({@code HAVEN_CLOCK_OFFSET_FILE}, which production refuses), it runs ahead by the ISO-8601
 * duration written in a file, read again whenever the file changes, so that deadlines can be made to
 * pass in running services. Events are stamped by the same clock, so a report "received" after the
 * clock moved was received then.
 */
public final class HavenClock extends Clock {

    private final ZoneId zone;
    private final Path offsetFile;
    private volatile FileTime offsetReadAt;
    private volatile Duration offset = Duration.ZERO;

    private HavenClock(ZoneId zone, Path offsetFile) {
        this.zone = zone;
        this.offsetFile = offsetFile;
    }

    /** The clock for a service; with an offset file, events are stamped by it too. */
    public static Clock of(ZoneId zone, String offsetFile) {
        if (offsetFile == null || offsetFile.isBlank()) {
            return Clock.system(zone);
        }
        var clock = new HavenClock(zone, Path.of(offsetFile));
        GenericEventMessage.clock = clock;
        return clock;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset());
    }

    private Duration offset() {
        try {
            if (!Files.exists(offsetFile)) {
                offsetReadAt = null;
                offset = Duration.ZERO;
                return offset;
            }
            FileTime modified = Files.getLastModifiedTime(offsetFile);
            if (!modified.equals(offsetReadAt)) {
                String written = Files.readString(offsetFile).trim();
                offset = written.isEmpty() ? Duration.ZERO : Duration.parse(written);
                offsetReadAt = modified;
            }
        } catch (IOException | DateTimeParseException noOffsetYet) {
            // a file being written: the offset stays as it was
        }
        return offset;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new HavenClock(other, offsetFile);
    }
}
