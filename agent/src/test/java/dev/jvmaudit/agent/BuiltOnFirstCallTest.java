package dev.jvmaudit.agent;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class BuiltOnFirstCallTest {

    private static final class Counting extends BuiltOnFirstCall<Object> {
        final AtomicInteger builds = new AtomicInteger();

        @Override
        protected Object build() {
            builds.incrementAndGet();
            return new Object();
        }
    }

    @Test
    void nothingIsBuiltBeforeTheFirstCallAndOnceAfterIt() {
        Counting first = new Counting();
        assertNull(first.built());
        assertEquals(0, first.builds.get());
        Object rules = first.rules();
        assertSame(rules, first.rules());
        assertSame(rules, first.built());
        assertEquals(1, first.builds.get());
    }

    @Test
    void racingFirstCallsBuildOnce() throws Exception {
        Counting first = new Counting();
        CountDownLatch go = new CountDownLatch(1);
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                seen.add(first.rules());
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, first.builds.get());
        assertEquals(1, seen.size());
    }

    @Test
    void nothingIsBuiltOnceStoppedButWhatWasBuiltStaysReadable() {
        Counting never = new Counting();
        never.stop();
        assertNull(never.rules());
        assertEquals(0, never.builds.get());

        Counting before = new Counting();
        Object rules = before.rules();
        before.stop();
        assertSame(rules, before.rules());
        assertEquals(1, before.builds.get());
    }
}
