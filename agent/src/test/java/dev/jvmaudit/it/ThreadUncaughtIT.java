package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.JdkThreads;
import example.UncaughtWorker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** thread.uncaught-death: unhandled deaths fire at the start of the thread, handled ones and the JDK's threads never. */
class ThreadUncaughtIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void unhandledDeathsFireAtWhereTheThreadWasStarted(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(UncaughtWorker.class, "unhandled").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("thread.uncaught-death", "thread.uncaught-death"), run.rules(), run.stderr());

        Map<String, JsonNode> byThread = new TreeMap<>();
        for (JsonNode f : run.findings()) {
            byThread.put(f.get("thread").asText(), f);
        }
        JsonNode pool = byThread.get("pool-1-thread-1");
        // the pool worker was created by the application's execute(): that is where it was started
        assertTrue(pool.get("callsite").asText().matches("example\\.UncaughtWorker\\.poolWorkerDies\\(UncaughtWorker\\.java:\\d+\\)"), pool.toString());
        assertEquals("java.lang.IllegalStateException", pool.get("exception").asText());
        assertEquals("order 42 has no customer", pool.get("exceptionMessage").asText());
        assertTrue(pool.get("frame").asText().contains("example.UncaughtWorker.lambda$poolWorkerDies"), pool.toString());
        assertEquals("high", pool.get("severity").asText());
        assertEquals("CWE-248", pool.get("cwe").asText());

        JsonNode plain = byThread.get("importer");
        assertTrue(plain.get("callsite").asText().matches("example\\.UncaughtWorker\\.plainThreadDies\\(UncaughtWorker\\.java:\\d+\\)"), plain.toString());
        assertEquals("java.lang.NumberFormatException", plain.get("exception").asText());
        assertTrue(plain.get("frame").asText().contains("NumberFormatException.forInputString"), plain.toString());
        assertTrue(plain.get("applicationFrame").asText().startsWith("example.UncaughtWorker.parse(UncaughtWorker.java:"), plain.toString());
        assertTrue(run.stderr().contains("audit: 2 findings (thread.uncaught-death 2)"), run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void handledDeathsAreSilent(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(UncaughtWorker.class, "handled").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("handled: For input string"), run.stdout());
        assertTrue(run.stdout().contains("group handled: For input string"), run.stdout());
        assertTrue(run.stdout().contains("default handler: order 42"), run.stdout());
        assertEquals(List.of(), run.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void theJdksOwnThreadsNeverProduceFindings(Path jdk) throws Exception {
        for (String how : List.of("return", "exit")) {
            AgentRun.Running run = AgentRun.on(jdk).main(JdkThreads.class, how)
                    .agentArgs("thread.deadlock.interval=100ms").run();
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stdout().startsWith("done 42 "), run.stdout());
            assertEquals(List.of(), run.findings(), how);
            assertFalse(run.stderr().contains("finding"), run.stderr());
        }
    }
}
