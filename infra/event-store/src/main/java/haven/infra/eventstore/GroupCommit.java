package haven.infra.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Appends that arrive while another is being written wait for it, then are written together by
 * one of them: one position reservation and one insert for the lot. Nobody waits for a timer, so
 * a lone append costs what it did, and under load the store sees one write where it saw many.
 * Positions are reserved only when the group is written, so none stays open while commits queue.
 */
final class GroupCommit {

    /** One append's commit document (its {@code _id} the first position, once reserved); {@code failure} says why it was not stored. */
    static final class Commit {

        final Document document;
        final int positions;
        RuntimeException failure;
        private boolean written;

        Commit(Document document, int positions) {
            this.document = document;
            this.positions = positions;
        }
    }

    private final Consumer<List<Commit>> writeTogether;
    private final List<Commit> queued = new ArrayList<>();
    private boolean writing;

    /** {@code writeTogether} stores the commits in order, setting the failure of each it could not store. */
    GroupCommit(Consumer<List<Commit>> writeTogether) {
        this.writeTogether = writeTogether;
    }

    /** Returns once {@code commit} was written, by this thread or by another's group. */
    void write(Commit commit) {
        List<Commit> group;
        synchronized (this) {
            queued.add(commit);
            boolean interrupted = false;
            while (writing && !commit.written) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the commit is queued: it is written whether or not we wait
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (commit.written) {
                return;
            }
            writing = true;
            group = List.copyOf(queued);
            queued.clear();
        }
        try {
            writeTogether.accept(group);
        } catch (RuntimeException | Error e) {
            var failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.stream().filter(c -> c.failure == null).forEach(c -> c.failure = failure);
            throw e;
        } finally {
            synchronized (this) {
                group.forEach(c -> c.written = true);
                writing = false;
                notifyAll();
            }
        }
    }
}
