package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Deadlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** thread.deadlock: a monitor/ReentrantLock cycle is found by the periodic check and reported once, not once per check. */
class ThreadDeadlockIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aTwoLockDeadlockIsReportedOnce(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Deadlock.class, "1500")
                .agentArgs("thread.deadlock.interval=200ms").start();
        run.awaitStdout("deadlocked", 20);
        // found by the periodic check while the program still runs
        List<JsonNode> found = run.awaitFinding("thread.deadlock", 5);
        assertTrue(run.process().isAlive(), "reported before the end of run");
        run.waitFor(30);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("thread.deadlock"), run.rules(), "once, although ~7 periodic checks and the final one ran");
        assertTrue(run.stderr().contains("audit: 1 finding (thread.deadlock 1)"), run.stderr());

        JsonNode f = found.get(0);
        assertEquals("critical", f.get("severity").asText());
        assertEquals("CWE-833", f.get("cwe").asText());
        assertTrue(f.get("callsite").asText().startsWith("example.Deadlock.main(Deadlock.java:"), f.toString());
        JsonNode threads = f.get("threads");
        assertEquals(2, threads.size(), f.toString());
        JsonNode transfer = threads.get(0).get("name").asText().equals("transfer") ? threads.get(0) : threads.get(1);
        JsonNode audit = transfer == threads.get(0) ? threads.get(1) : threads.get(0);
        assertEquals("audit", audit.get("name").asText());
        assertTrue(transfer.get("holds").asText().startsWith("java.lang.Object@"), f.toString());
        assertTrue(transfer.get("waitsFor").asText().startsWith("java.util.concurrent.locks.ReentrantLock"), f.toString());
        assertEquals(transfer.get("holds").asText(), audit.get("waitsFor").asText());
        assertEquals(transfer.get("waitsFor").asText(), audit.get("holds").asText());
        assertEquals("audit", transfer.get("waitsForOwner").asText());
        assertTrue(transfer.get("at").asText().startsWith("example.Deadlock.lambda$main$"), f.toString());
        assertTrue(audit.get("startedAt").asText().startsWith("example.Deadlock.main(Deadlock.java:"), f.toString());
        assertTrue(f.get("message").asText().contains("'transfer' holds java.lang.Object@"), f.toString());
    }
}
