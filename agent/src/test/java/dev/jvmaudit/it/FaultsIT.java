package dev.jvmaudit.it;

import example.FileCreation;
import example.WaitForSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults inside the agent never reach the application: with the test-only switch {@code test.fail=<family>} every
 * rule of that family throws, and the application's output and exit code are those of a run without the agent.
 */
class FaultsIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void failingFileRulesChangeNothingForTheApplication(Path jdk) throws Exception {
        AgentRun.Running plain = AgentRun.on(jdk).main(FileCreation.class, "bad").withoutAgent().run();
        AgentRun.Running failing = AgentRun.on(jdk).main(FileCreation.class, "bad").agentArgs("test.fail=file").run();
        assertEquals(plain.exitCode(), failing.exitCode());
        assertEquals(plain.stdout(), failing.stdout());
        assertEquals(List.of(), failing.findings());
        assertEquals(1, failing.stderr().lines().count(), "only the port announcement: " + failing.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void eachFailureIsCountedPerHookFamily(Path jdk) throws Exception {
        for (String family : List.of("file", "report")) {
            AgentRun.Running run = AgentRun.on(jdk).main(WaitForSignal.class).agentArgs("test.fail=" + family).start();
            try {
                run.awaitStdout("ready", 30);
                String metrics = run.scrape();
                double errors = errors(metrics, family);
                assertTrue(errors >= 1, family + ": " + metrics);
                assertEquals(List.of(), run.findings());
            } finally {
                run.process().destroy();
                run.waitFor(30);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void hookFamilyKillSwitch(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad").agentArgs("hooks.file.enabled=false").run();
        assertEquals(0, run.exitCode());
        assertEquals(List.of(), run.findings());
    }

    private static double errors(String metrics, String hook) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("audit_agent_errors_total{hook=\"" + hook + "\"}")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
