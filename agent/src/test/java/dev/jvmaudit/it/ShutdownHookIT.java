package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Hooks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** shutdown.hook-slow, shutdown.hook-failed, shutdown.exit-in-hook (and Runtime.halt), with a real SIGTERM. */
class ShutdownHookIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aSlowHookIsReportedWhileItStillRuns(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hooks.class, "slow").agentArgs("shutdown.budget=1s").start();
        run.awaitStdout("ready", 20);
        long sent = System.nanoTime();
        run.sigterm();
        JsonNode f = run.awaitFinding("shutdown.hook-slow", 4).get(0);
        long reportedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertFalse(run.stdout().contains("hook ended"), "reported while the hook still sleeps");
        assertTrue(run.process().isAlive());
        assertTrue(reportedAfter >= 900, "not before the budget: " + reportedAfter + " ms");
        // right after it, the end of run happens at the budget: the summary is out while the hook still sleeps
        awaitStderr(run, "audit: 1 finding (shutdown.hook-slow 1)", 2);
        assertFalse(run.stdout().contains("hook ended"), "end of run done while the hook still sleeps");

        run.waitFor(30);
        long exitedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals(143, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("hook ended"), run.stdout());
        assertTrue(exitedAfter < 5_000 + 1_500, "the agent adds no wait of its own after the hook: " + exitedAfter + " ms");

        assertEquals("flush-on-exit", f.get("thread").asText());
        assertEquals("flush-on-exit", f.get("hook").asText());
        assertTrue(f.get("callsite").asText().matches("example\\.Hooks\\.main\\(Hooks\\.java:\\d+\\)"), "where it was registered: " + f);
        assertEquals(1000, f.get("budgetMs").asInt());
        assertEquals("TIMED_WAITING", f.get("state").asText());
        assertTrue(f.get("at").asText().startsWith("example.Hooks.slowCleanup(Hooks.java:"), f.toString());
        assertTrue(f.get("stack").toString().contains("java.lang.Thread.sleep"), f.toString());
        assertEquals(List.of("shutdown.hook-slow"), run.rules());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aThrowingHookIsHookFailedOnly(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hooks.class, "failing").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("shutdown.hook-failed"), run.rules(), "not also thread.uncaught-death: " + run.stderr());
        JsonNode f = run.findings().get(0);
        assertEquals("close-pool", f.get("hook").asText());
        assertEquals("java.lang.IllegalStateException", f.get("exception").asText());
        assertEquals("pool already closed", f.get("exceptionMessage").asText());
        assertTrue(f.get("frame").asText().startsWith("example.Hooks.failingCleanup(Hooks.java:"), f.toString());
        assertTrue(f.get("callsite").asText().matches("example\\.Hooks\\.main\\(Hooks\\.java:\\d+\\)"), f.toString());
        assertEquals("high", f.get("severity").asText());
        assertEquals("CWE-755", f.get("cwe").asText());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void systemExitInAHookIsReportedBeforeTheJvmHangs(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hooks.class, "exit").start();
        try {
            run.awaitStdout("ready", 20);
            long sent = System.nanoTime();
            run.sigterm();
            JsonNode f = run.awaitFinding("shutdown.exit-in-hook", 5).get(0);
            assertEquals("exit-again", f.get("hook").asText());
            assertEquals("System.exit", f.get("method").asText());
            assertEquals(3, f.get("status").asInt());
            assertTrue(f.get("calledAt").asText().startsWith("example.Hooks.exitingCleanup(Hooks.java:"), f.toString());
            assertTrue(f.get("callsite").asText().matches("example\\.Hooks\\.main\\(Hooks\\.java:\\d+\\)"), f.toString());
            assertEquals("critical", f.get("severity").asText());
            // every other hook is done and this one is stuck: the end of run happens now, long before the 10 s budget
            awaitStderr(run, "audit: 1 finding (shutdown.exit-in-hook 1)", 5);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) < 8_000);
            Thread.sleep(500);
            assertTrue(run.process().isAlive(), "the JVM hangs, as System.exit in a hook makes it");
            assertEquals(List.of("shutdown.exit-in-hook"), run.rules(), "no hook-slow for the stuck hook");
        } finally {
            run.process().destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void haltBypassesTheHooks(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hooks.class, "halt").run();
        assertEquals(7, run.exitCode(), run.stderr());
        assertFalse(run.stdout().contains("hook ran"), run.stdout());
        assertEquals(List.of("shutdown.exit-in-hook"), run.rules());
        JsonNode f = run.findings().get(0);
        assertEquals("Runtime.halt", f.get("method").asText());
        assertEquals("bypassed", f.get("hooks").asText());
        assertEquals("[\"quick\"]", f.get("hooksSkipped").toString());
        assertTrue(f.get("callsite").asText().matches("example\\.Hooks\\.main\\(Hooks\\.java:\\d+\\)"), f.toString());
        // the end of run happened before the halt
        assertTrue(run.stderr().contains("audit: 1 finding (shutdown.exit-in-hook 1)"), run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aQuickHookIsSilentAndShutdownRulesCanBeSwitchedOff(Path jdk) throws Exception {
        AgentRun.Running fine = AgentRun.on(jdk).main(Hooks.class, "fine").run();
        assertEquals(0, fine.exitCode(), fine.stderr());
        assertTrue(fine.stdout().contains("hook ran"));
        assertEquals(List.of(), fine.findings());

        AgentRun.Running off = AgentRun.on(jdk).main(Hooks.class, "failing").agentArgs("hooks.shutdown.enabled=false").run();
        assertEquals(0, off.exitCode(), off.stderr());
        assertEquals(List.of(), off.findings(), "no shutdown rule, and a failing hook is still not an uncaught death");
    }

    private static void awaitStderr(AgentRun.Running run, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!run.stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' on stderr:\n" + run.stderr());
            }
            Thread.sleep(20);
        }
    }
}
