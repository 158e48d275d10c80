package dev.jvmaudit.it;

import example.EveryFamily;
import example.FileCreation;
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
        assertEquals(List.of(), failing.stderrBesidesEndpoint(), "only the port announcement: " + failing.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void eachFamilysFailuresAreCountedAndTheApplicationRunsAsWithoutTheAgent(Path jdk) throws Exception {
        AgentRun.Running plain = AgentRun.on(jdk).main(EveryFamily.class).withoutAgent().start();
        plain.process().getOutputStream().close();
        plain.waitFor(60);
        AgentRun.Running healthy = AgentRun.on(jdk).main(EveryFamily.class).start();
        healthy.process().getOutputStream().close();
        healthy.waitFor(60);
        assertEquals(List.of("file.permissive", "http.no-timeout", "thread.uncaught-death", "process.shell",
                "shutdown.hook-failed"), healthy.rules(), "the program commits one violation per family");
        for (String family : List.of("file", "http", "thread", "process", "shutdown", "report")) {
            AgentRun.Running failing = AgentRun.on(jdk).main(EveryFamily.class).agentArgs("test.fail=" + family).start();
            try {
                failing.awaitStdout("ready", 30);
                if (!family.equals("shutdown")) {
                    assertTrue(errors(failing.scrape(), family) >= 1, family + " failures are counted");
                }
            } finally {
                failing.process().getOutputStream().close();
                failing.waitFor(60);
            }
            assertEquals(plain.exitCode(), failing.exitCode(), family);
            assertEquals(plain.stdout(), failing.stdout(), family);
            assertEquals(plain.stderr().lines().filter(l -> !l.startsWith("audit: ")).toList(),
                    failing.stderr().lines().filter(l -> !l.startsWith("audit: ")).toList(), family);
            assertTrue(failing.rules().stream().noneMatch(r -> r.startsWith(family + ".")), family + ": " + failing.rules());
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
