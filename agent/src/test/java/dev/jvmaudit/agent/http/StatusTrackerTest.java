package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTrackerTest {

    @TempDir
    Path dir;
    private Path log;
    private Reporter reporter;
    private StatusTracker tracker;

    @BeforeEach
    void start() {
        log = dir.resolve("findings.jsonl");
        reporter = new Reporter(AgentConfig.load("metrics=off,summary=off,log.file=" + log), "test", "test", () -> { });
        reporter.start();
        tracker = new StatusTracker(reporter);
    }

    private static Exchange exchange(int line) {
        return new Exchange(HttpRules.JDK, "GET", "http://127.0.0.1:1/orders?token=secret",
                CallSites.Capture.of(new CallSite("com.acme.Orders", "fetch", "Orders.java", line)), "main");
    }

    /** Collects until the log names the call site (the judge thread counts a finding before it writes it). */
    private boolean awaitLogged(String site) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (Files.exists(log) && Files.readString(log).contains(site)) {
                return true;
            }
            System.gc();
            Thread.sleep(20);
        }
        return false;
    }

    private long findings() {
        return reporter.total(Rule.HTTP_UNCHECKED_STATUS);
    }

    @Test
    void aStatusReadAfterTheHandOverForgetsTheResponseAtOnce() {
        Object response = new Object();
        tracker.handedOver(response, null, exchange(1), 500);
        assertEquals(1, tracker.tracked());
        tracker.statusRead(response, false);
        assertEquals(0, tracker.tracked(), "nothing is kept for a response whose status was read");
        tracker.statusRead(response, true);
        tracker.judgeRemaining();
        assertEquals(0, findings());
    }

    @Test
    void anUnreadResponseStillAliveIsJudgedOnceAtExit() throws Exception {
        Object response = new Object();
        tracker.handedOver(response, null, exchange(2), 503);
        tracker.handedOver(response, null, exchange(3), 503);
        assertEquals(1, tracker.tracked(), "a second hand-over of one response tracks it once");
        tracker.judgeRemaining();
        tracker.judgeRemaining();
        assertEquals(1, findings());
        Reference.reachabilityFence(response);
        String line = Files.readString(log);
        assertTrue(line.contains("\"callsite\":\"com.acme.Orders.fetch(Orders.java:2)\""), line);
        assertTrue(line.contains("judged at exit, the response still alive"), line);
        assertFalse(line.contains("secret"), "the URL is redacted: " + line);
    }

    @Test
    void anUnreadResponseIsJudgedWhenCollected() throws Exception {
        tracker.handedOver(new Object(), null, exchange(4), 500);
        for (int i = 0; i < 100 && findings() == 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, findings());
        assertEquals(0, tracker.tracked());
        assertTrue(Files.readString(log).contains("judged when it was garbage-collected"));
    }

    @Test
    void aReadBeforeTheHandOverCounts() {
        Object headers = new Object();
        tracker.statusRead(headers, true); // a body handler's ResponseInfo
        tracker.handedOver(new Object(), headers, exchange(9), 500);
        assertEquals(0, tracker.tracked(), "settled at the hand-over: neither the response nor its headers are kept");

        Object response = new Object();
        tracker.statusRead(response, true); // the application's stage ran before the agent's on a completed future
        tracker.handedOver(response, null, exchange(5), 500);
        assertEquals(0, tracker.tracked());
        tracker.judgeRemaining();
        assertEquals(0, findings());
    }

    @Test
    void aReadThroughTheSecondKeyAfterTheHandOverCounts() throws Exception {
        Object headers = new Object();
        tracker.handedOver(new Object(), headers, exchange(7), 500); // the response itself is dropped at once
        tracker.statusRead(headers, true); // a ResponseInfo kept by a body subscriber, read later
        for (int i = 0; i < 50 && tracker.tracked() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }
        tracker.judgeRemaining();
        assertEquals(0, findings());

        Object unread = new Object();
        tracker.handedOver(new Object(), unread, exchange(8), 500);
        for (int i = 0; i < 100 && findings() == 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, findings(), "a second key nobody read the status through changes nothing");
        Reference.reachabilityFence(headers);
        Reference.reachabilityFence(unread);
    }

    @Test
    void atExitAReadThroughTheSecondKeyCountsWhateverTheOrder() {
        Object[] responses = new Object[20];
        Object[] headers = new Object[20];
        for (int i = 0; i < responses.length; i++) {
            responses[i] = new Object();
            headers[i] = new Object();
            tracker.handedOver(responses[i], headers[i], exchange(10 + i), 500);
            tracker.statusRead(headers[i], true);
        }
        tracker.judgeRemaining();
        assertEquals(0, findings());
        Reference.reachabilityFence(responses);
        Reference.reachabilityFence(headers);
    }

    @Test
    void keysAreComparedByIdentity() {
        String a = new String("same");
        String b = new String("same");
        tracker.handedOver(a, null, exchange(6), 500);
        tracker.statusRead(b, false);
        tracker.statusRead(b, true);
        tracker.judgeRemaining();
        assertEquals(1, findings(), "reading an equal but other response's status does not count");
        Reference.reachabilityFence(a);
    }
    @Test
    void aSynchronousSendsResponseReadOnItsThreadLeavesNoEntry() {
        Object response = new Object();
        Object headers = new Object();
        tracker.returned(response, headers, exchange(30), 500);
        assertEquals(1, tracker.tracked(), "waits in the thread's slot");
        tracker.statusRead(response, true);
        assertEquals(0, tracker.tracked());

        Object kept = new Object();
        tracker.returned(new Object(), kept, exchange(31), 500);
        tracker.statusRead(kept, true); // through a ResponseInfo kept by the body handler
        tracker.judgeRemaining();
        assertEquals(0, findings());
        Reference.reachabilityFence(response);
    }

    @Test
    void theNextSendOnTheThreadHandsTheUnreadResponseOver() throws Exception {
        tracker.returned(new Object(), new Object(), exchange(32), 500);
        Object second = new Object();
        tracker.returned(second, new Object(), exchange(33), 200);
        assertTrue(awaitLogged("Orders.java:32"), "the first response, displaced unread, is judged when collected");
        assertEquals(1, findings());
        tracker.statusRead(second, true);
        tracker.judgeRemaining();
        assertEquals(1, findings());
    }

    @Test
    void anUnreadResponseLeftInASlotIsHandedOverByTheJudgeAndCollected() throws Exception {
        tracker.returned(new Object(), new Object(), exchange(34), 500);
        tracker.handedOver(new Object(), null, exchange(35), 200); // starts the judge, as any tracked response does
        assertTrue(awaitLogged("Orders.java:34"), "the slot lets go of the response within a sweep or two");
        assertTrue(awaitLogged("Orders.java:35"));
        assertEquals(2, findings());
    }

    @Test
    void aReadOnAnotherThreadCountsWhenTheSlotHandsTheResponseOver() throws Exception {
        Object response = new Object();
        tracker.returned(response, new Object(), exchange(36), 500);
        Thread other = new Thread(() -> tracker.statusRead(response, true));
        other.start();
        other.join();
        tracker.judgeRemaining();
        assertEquals(0, findings());

        Object unread = new Object();
        tracker.returned(unread, new Object(), exchange(37), 500);
        tracker.judgeRemaining();
        assertEquals(1, findings(), "at exit, a response still in its slot is judged");
        assertTrue(Files.readString(log).contains("judged at exit, the response still alive"));
        Reference.reachabilityFence(response);
        Reference.reachabilityFence(unread);
    }
}
