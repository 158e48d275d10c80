package dev.jvmaudit.demo.keepalived;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMeterTest {

    @Test
    void returnsAsSoonAsEverythingIsHandled() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime(), Duration.ZERO);
        meter.handled();
        meter.handled();
        assertEquals(2, meter.awaitHandled(2, Duration.ofSeconds(10)));
    }

    @Test
    void givesUpOnAReaderThatStopsMakingProgress() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime(), Duration.ZERO);
        meter.handled();
        long start = System.nanoTime();
        assertEquals(1, meter.awaitHandled(5, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }

    @Test
    void rateIsHandledChangesOverTheTimeToTheLastOne() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime(), Duration.ZERO);
        assertEquals(0, meter.perSecond());
        Thread.sleep(100);
        meter.handled();
        meter.handled();
        double rate = meter.perSecond();
        assertTrue(rate > 5 && rate <= 20, "rate " + rate);
    }

    @Test
    void changesHandledDuringTheWarmUpAreLeftOut() throws Exception {
        EventMeter meter = new EventMeter(System.nanoTime(), Duration.ofMillis(200));
        for (int i = 0; i < 1000; i++) {
            meter.handled();
        }
        assertEquals(0, meter.perSecond(), "nothing handled after the warm-up yet");
        Thread.sleep(250);
        meter.handled();
        assertEquals(0, meter.perSecond(), "the first change after the warm-up starts the measured stretch");
        Thread.sleep(100);
        meter.handled();
        meter.handled();
        double rate = meter.perSecond();
        assertTrue(rate > 5 && rate <= 20, "two changes in about 100 ms, the 1000 of the warm-up left out: " + rate);
    }
}
