package dev.jvmaudit.agent.thread;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
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
        Thread impostor = new Thread(() -> { }) {
            @Override
            @SuppressWarnings("deprecation")
            public long getId() {
                return real.getId();
            }
        };
        started.putIfAbsent(real, "real");
        assertNull(started.get(impostor));
        assertEquals("real", started.get(real));
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
