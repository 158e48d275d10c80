package dev.jvmaudit.demo.keepalived;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMeterTest {

    @Test
    void returnsAsSoonAsEverythingIsHandled() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime());
        meter.handled();
        meter.handled();
        assertEquals(2, meter.awaitHandled(2, Duration.ofSeconds(10)));
    }

    @Test
    void givesUpOnAReaderThatStopsMakingProgress() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime());
        meter.handled();
        long start = System.nanoTime();
        assertEquals(1, meter.awaitHandled(5, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void rateIsHandledChangesOverTheTimeToTheLastOne() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime());
        assertEquals(0, meter.perSecond());
        Thread.sleep(100);
        meter.handled();
        meter.handled();
        double rate = meter.perSecond();
        assertTrue(rate > 5 && rate <= 20, "rate " + rate);
    }
}
