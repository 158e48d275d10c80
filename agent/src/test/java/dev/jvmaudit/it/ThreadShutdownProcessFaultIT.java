package dev.jvmaudit.it;

import example.Abandoned;
import example.Hooks;
import example.Processes;
import example.UncaughtWorker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the test-only fault switch, the thread, shutdown and process rules fail inside the agent: the application never notices. */
class ThreadShutdownProcessFaultIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void failingRulesAreCountedAndSwallowed(Path jdk) throws Exception {
        AgentRun.Running thread = AgentRun.on(jdk).main(Abandoned.class, "nohook").agentArgs("test.fail=thread").start();
        thread.awaitStdout("ready", 20);
        double errors = errors(thread.scrape(), "thread");
        assertTrue(errors >= 1, "thread family errors counted: " + errors);
        thread.sigterm();
        thread.waitFor(30);
        assertEquals(143, thread.exitCode(), thread.stderr());
        assertEquals(List.of(), thread.findings());

        AgentRun.Running uncaught = AgentRun.on(jdk).main(UncaughtWorker.class, "unhandled").agentArgs("test.fail=thread").run();
        assertEquals(0, uncaught.exitCode(), uncaught.stderr());
        assertEquals("done\n", uncaught.stdout());
        assertEquals(List.of(), uncaught.findings());

        AgentRun.Running shutdown = AgentRun.on(jdk).main(Hooks.class, "failing").agentArgs("test.fail=shutdown").run();
        assertEquals(0, shutdown.exitCode(), shutdown.stderr());
        assertEquals("ready\n", shutdown.stdout());
        assertEquals(List.of(), shutdown.findings());

        AgentRun.Running process = AgentRun.on(jdk).main(Processes.class, "shell").agentArgs("test.fail=process").run();
        assertEquals(0, process.exitCode(), process.stderr());
        assertEquals("done\n", process.stdout());
        assertEquals(List.of(), process.findings());
    }

    private static double errors(String prometheus, String hook) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith("audit_agent_errors_total{") && line.contains("hook=\"" + hook + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
