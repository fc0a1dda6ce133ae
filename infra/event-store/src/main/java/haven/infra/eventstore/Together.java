package haven.infra.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Requests that arrive while a group is at the store wait for it, then go together with whatever
 * else arrived, sent by one of them: under load the store sees one request where it saw many.
 * Nobody waits for a timer, so a lone request costs what it did.
 */
final class Together<T> {

    private static final class Queued<T> {
        final T item;
        boolean done;
        RuntimeException failure;

        Queued(T item) {
            this.item = item;
        }
    }

    private final Consumer<List<T>> sendTogether;
    private final List<Queued<T>> queued = new ArrayList<>();
    private boolean sending;

    /** {@code sendTogether} handles every item it is given; what it throws, every item's sender gets. */
    Together(Consumer<List<T>> sendTogether) {
        this.sendTogether = sendTogether;
    }

    /** Returns once {@code item} was handled, by this thread's group or another's. */
    void send(T item) {
        var mine = new Queued<>(item);
        List<Queued<T>> group;
        synchronized (this) {
            queued.add(mine);
            boolean interrupted = false;
            while (sending && !mine.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the item is queued: it is handled whether or not we wait
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                if (mine.failure != null) {
                    throw mine.failure;
                }
                return;
            }
            sending = true;
            group = List.copyOf(queued);
            queued.clear();
        }
        try {
            sendTogether.accept(group.stream().map(q -> q.item).toList());
        } catch (RuntimeException | Error e) {
            var failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.forEach(q -> q.failure = failure);
            throw e;
        } finally {
            synchronized (this) {
                group.forEach(q -> q.done = true);
                sending = false;
                notifyAll();
            }
        }
    }
}
