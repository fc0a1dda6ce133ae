package haven.infra.backup;

/** An archive that restore will not write from; the message is the one line the operator reads. */
public final class ArchiveRefused extends IllegalStateException {

    public ArchiveRefused(String message) {
        super(message);
    }
}
