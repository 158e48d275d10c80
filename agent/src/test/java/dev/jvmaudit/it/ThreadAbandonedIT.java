package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Abandoned;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** thread.abandoned-at-exit on SIGTERM and System.exit; never when a hook stops the thread or main returns. */
class ThreadAbandonedIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aWorkerNobodyStopsFiresOnSigterm(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Abandoned.class, "nohook").start();
        run.awaitStdout("ready", 20);
        run.sigterm();
        run.waitFor(30);
        assertEquals(143, run.exitCode(), run.stderr());
        assertEquals(List.of("thread.abandoned-at-exit"), run.rules(), run.stderr());
        JsonNode f = run.findings().get(0);
        assertEquals("queue-consumer", f.get("thread").asText());
        assertTrue(f.get("callsite").asText().matches("example\\.Abandoned\\.main\\(Abandoned\\.java:\\d+\\)"), f.toString());
        assertEquals("SIGTERM", f.get("shutdown").asText());
        assertTrue(f.get("at").asText().startsWith("example.Abandoned.work(Abandoned.java:"), f.toString());
        assertEquals("medium", f.get("severity").asText());
        assertEquals("CWE-404", f.get("cwe").asText());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void aHookThatStopsAndJoinsTheWorkerIsSilent(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Abandoned.class, "joined").start();
        run.awaitStdout("ready", 20);
        run.sigterm();
        run.waitFor(30);
        assertEquals(143, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("worker stopped"), run.stdout());
        assertEquals(List.of(), run.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void systemExitWithAWorkerRunningFires(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Abandoned.class, "exit").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("thread.abandoned-at-exit"), run.rules(), "never main, the thread blocked in System.exit");
        assertEquals("System.exit on thread 'main'", run.findings().get(0).get("shutdown").asText());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void cannotFireWhenMainReturns(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Abandoned.class, "return").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(), run.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void switchingOffTheShutdownRulesKeepsTheEndOfRun(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Abandoned.class, "nohook")
                .agentArgs("hooks.shutdown.enabled=false").start();
        run.awaitStdout("ready", 20);
        run.sigterm();
        run.waitFor(30);
        assertEquals(List.of("thread.abandoned-at-exit"), run.rules(), run.stderr());
        assertTrue(run.stderr().contains("audit: 1 finding (thread.abandoned-at-exit 1)"), run.stderr());
    }
}
