package dev.jvmaudit.demo.keepalived;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedEventSourceTest {

    private static final VipEvent LOOPBACK = new VipEvent("lo", "127.0.0.1/8", true);
    private static final VipEvent VIP = new VipEvent(ScriptedEventSource.INTERFACE, ScriptedEventSource.VIP_CIDR, true);

    @Test
    void aBackupStartsWithoutTheVipThenFlapsAddRemove() throws Exception {
        try (ScriptedEventSource source = new ScriptedEventSource(new EventScript(false, 4, Duration.ofMillis(20)))) {
            assertEquals(List.of(LOOPBACK), source.currentAddresses());
            List<Boolean> added = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                VipEvent event = source.take();
                assertEquals(ScriptedEventSource.INTERFACE, event.device());
                assertEquals(ScriptedEventSource.VIP_CIDR, event.cidr());
                added.add(event.added());
            }
            assertEquals(List.of(true, false, true, false), added);
            assertEquals(4, source.emitted());
            assertEquals(List.of(LOOPBACK), source.currentAddresses());
        }
    }

    @Test
    void aPrimaryStartsWithTheVipAndLosesItFirst() throws Exception {
        try (ScriptedEventSource source = new ScriptedEventSource(new EventScript(true, 1, Duration.ofMillis(10)))) {
            assertEquals(List.of(LOOPBACK, VIP), source.currentAddresses());
            assertFalse(source.take().added());
            assertEquals(List.of(LOOPBACK), source.currentAddresses());
        }
    }

    @Test
    void changesComeAtTheirScheduledTimes() throws Exception {
        try (ScriptedEventSource source = new ScriptedEventSource(new EventScript(false, 3, Duration.ofMillis(100)))) {
            source.take();
            source.take();
            source.take();
            long elapsed = System.nanoTime() - source.startNanos();
            assertTrue(elapsed >= 300_000_000L, "3 changes 100 ms apart took only " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void playedOnceTheLastChangeIsHandedOut() throws Exception {
        try (ScriptedEventSource source = new ScriptedEventSource(new EventScript(false, 2, Duration.ofMillis(10)))) {
            Thread watcher = new Thread(() -> {
                try {
                    source.awaitPlayed();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watcher.start();
            source.take();
            watcher.join(100);
            assertTrue(watcher.isAlive(), "played after one change of two");
            source.take();
            watcher.join(1000);
            assertFalse(watcher.isAlive(), "not played after the last change");
        }
    }

    @Test
    void afterTheScriptTakeBlocksUntilClosedThenReturnsNull() throws Exception {
        ScriptedEventSource source = new ScriptedEventSource(new EventScript(false, 0, Duration.ofMillis(10)));
        AtomicReference<VipEvent> last = new AtomicReference<>(VIP);
        Thread reader = new Thread(() -> {
            try {
                last.set(source.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        reader.join(300);
        assertTrue(reader.isAlive(), "take() returned although the source is still open");
        source.close();
        reader.join(1000);
        assertFalse(reader.isAlive());
        assertNull(last.get());
    }

    @Test
    void closingInterruptsAWaitForTheNextChange() throws Exception {
        ScriptedEventSource source = new ScriptedEventSource(new EventScript(false, 1, Duration.ofSeconds(30)));
        source.close();
        assertNull(source.take());
    }
}
