package dev.jvmaudit.agent.thread;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StartedThreadsTest {

    @Test
    void findsEachThreadItWasGivenAndKeepsTheFirstValue() {
        StartedThreads<String> started = new StartedThreads<>();
        Thread a = new Thread(() -> { });
        Thread b = new Thread(() -> { });
        started.putIfAbsent(a, "a");
        started.putIfAbsent(b, "b");
        started.putIfAbsent(a, "again");
        assertEquals("a", started.get(a));
        assertEquals("b", started.get(b));
        assertNull(started.get(new Thread(() -> { })));
        assertEquals(Map.of(a, "a", b, "b"), Map.ofEntries(started.entries().toArray(Map.Entry[]::new)));
    }

    /** An application's Thread subclass may override the deprecated getId(): a thread with another's id is not that one. */
    @Test
    void aThreadThatClaimsAnotherThreadsIdIsNotTakenForIt() {
        StartedThreads<String> started = new StartedThreads<>();
        Thread real = new Thread(() -> { });
        started.putIfAbsent(real, "real");
        assertNull(started.get(impostorOf(real)));
        assertEquals("real", started.get(real));
    }

    @SuppressWarnings("deprecation")
    private static Thread impostorOf(Thread real) {
        long id = real.getId();
        return new Thread(() -> { }) {
            @Override
            public long getId() {
                return id;
            }
        };
    }

    @Test
    void forgetsARemovedThreadAndOnlyThatOne() {
        StartedThreads<String> started = new StartedThreads<>();
        Thread ended = new Thread(() -> { });
        Thread running = new Thread(() -> { });
        started.putIfAbsent(ended, "ended");
        started.putIfAbsent(running, "running");
        started.remove(ended);
        started.remove(impostorOf(running));
        started.remove(new Thread(() -> { }));
        assertNull(started.get(ended));
        assertEquals("running", started.get(running), "a thread with another's id removes nothing");
        assertEquals(1, started.size());
    }

    /** Many threads through a table that grows, loses every other entry (runs of probes closing up), and shrinks. */
    @Test
    void findsEveryThreadItStillHoldsAcrossGrowthRemovalsAndShrinking() {
        StartedThreads<Integer> started = new StartedThreads<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Thread t = new Thread(() -> { });
            threads.add(t);
            started.putIfAbsent(t, i);
        }
        for (int i = 0; i < threads.size(); i += 2) {
            started.remove(threads.get(i));
        }
        for (int i = 0; i < threads.size(); i++) {
            assertEquals(i % 2 == 0 ? null : Integer.valueOf(i), started.get(threads.get(i)), "thread " + i);
        }
        assertEquals(2500, started.size());
        for (int i = 1; i < threads.size(); i += 2) {
            started.remove(threads.get(i));
        }
        assertEquals(0, started.size());
        assertEquals(List.of(), started.entries());
        Thread again = threads.get(7);
        started.putIfAbsent(again, 7);
        assertEquals(7, started.get(again));
    }

    @Test
    void doesNotKeepACollectedThread() throws InterruptedException {
        StartedThreads<String> started = new StartedThreads<>();
        Thread kept = new Thread(() -> { });
        started.putIfAbsent(kept, "kept");
        WeakReference<Thread> dropped = startedAndDropped(started);
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(dropped.get(), "the table holds its threads weakly");
        for (int i = 0; i < 100 && started.size() != 1; i++) { // the collector enqueues the cleared reference a moment later
            Thread.sleep(10);
        }
        assertEquals(1, started.size(), "the collected thread's entry is removed");
        assertEquals(List.of(Map.entry(kept, "kept")), started.entries());
    }

    private static WeakReference<Thread> startedAndDropped(StartedThreads<String> started) throws InterruptedException {
        Thread thread = new Thread(() -> { });
        started.putIfAbsent(thread, "dropped");
        thread.start();
        thread.join();
        return new WeakReference<>(thread);
    }
}
