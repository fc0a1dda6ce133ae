package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TogetherTest {

    final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    final CountDownLatch firstArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final Map<Integer, RuntimeException> failures = new ConcurrentHashMap<>();

    /** The first group is held at the store until released; a group holding a negative item fails. */
    final Together<Integer> together = new Together<>(group -> {
        groups.add(group);
        if (groups.size() == 1) {
            firstArrived.countDown();
            awaitQuietly(release);
        }
        if (group.stream().anyMatch(item -> item < 0)) {
            throw new IllegalStateException("store refused the group");
        }
    });

    @Test
    void whatArrivesWhileAGroupIsAtTheStoreGoesTogetherInTheNext() throws Exception {
        var first = sendOnItsOwnThread(0);
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
        var queued = new ArrayList<Thread>();
        IntStream.rangeClosed(1, 5).forEach(n -> queued.add(sendOnItsOwnThread(n)));
        awaitAllWaiting(queued);
        release.countDown();
        joinAll(first, queued);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactly(0);
        assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(failures).isEmpty();
    }

    @Test
    void whenAGroupFailsEverySenderInItIsTold() throws Exception {
        var first = sendOnItsOwnThread(0);
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
        var queued = List.of(sendOnItsOwnThread(1), sendOnItsOwnThread(-1), sendOnItsOwnThread(2));
        awaitAllWaiting(queued);
        release.countDown();
        joinAll(first, queued);

        assertThat(failures).containsOnlyKeys(1, -1, 2);
        assertThat(failures.values()).allMatch(e -> e.getMessage().equals("store refused the group"));

        together.send(3); // the next group goes on as usual
        assertThat(groups.get(groups.size() - 1)).containsExactly(3);
    }

    private Thread sendOnItsOwnThread(int item) {
        var thread = new Thread(() -> {
            try {
                together.send(item);
            } catch (RuntimeException e) {
                failures.put(item, e);
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitAllWaiting(List<Thread> threads) {
        while (threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            Thread.onSpinWait(); // each is queued behind the first group
        }
    }

    private static void joinAll(Thread first, List<Thread> others) throws InterruptedException {
        first.join();
        for (Thread thread : others) {
            thread.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
