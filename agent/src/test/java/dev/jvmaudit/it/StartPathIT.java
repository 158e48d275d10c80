package dev.jvmaudit.it;

import example.Hello;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a warm start loads before the application's main: what starting needs, not what a first event needs. */
class StartPathIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void warmStartLoadsOnlyWhatStartingNeeds(Path jdk) throws Exception {
        // the endpoint on, as by default: its classes are on the start path too
        String options = "cache.dir=" + Scratch.directory("audit-start-path").resolve("cache");
        assertEquals(0, AgentRun.on(jdk).main(Hello.class).agentArgs(options).run().exitCode(), "the run that fills the cache");
        AgentRun.Running warm = AgentRun.on(jdk).main(Hello.class).agentArgs(options).jvm(ClassLoads.OPTION).run();
        assertEquals(0, warm.exitCode(), warm.stderr());
        List<String> loaded = ClassLoads.of(warm);
        List<String> beforeMain = loaded.subList(0, ClassLoads.indexOf(loaded, " example.Hello "));

        assertEquals(List.of(), matching(beforeMain, " dev.jvmaudit.agent.asm."), "every hooked class came from the cache");
        assertEquals(List.of(), matching(beforeMain, " dev.jvmaudit.agent.report.CallSites "),
                "the stack walker waits for the first capture");
        assertEquals(List.of("AuditAgent", "Installer", "BootstrapInjector", "JavaBaseAccess",
                        "IsolatedJavaBaseAccess"),
                matching(matching(beforeMain, " dev.jvmaudit.agent."), "source: file:").stream()
                        .map(line -> line.replaceAll(".* dev\\.jvmaudit\\.agent\\.(\\S+) source: .*", "$1")).toList(),
                "only what reads the start path's archive comes from the jar otherwise (the class path, and the access to"
                        + " java.base in a loader of its own): start-classes lists the rest");
        assertTrue(matching(beforeMain, "source: jvm-audit-start").size() > 20, "the start path came from its archive");
        // JDK 18+ calls a method reflectively through spun method handles unless it is "varargs" (src/build)
        List<String> premainCalled = loaded.subList(ClassLoads.indexOf(loaded, " dev.jvmaudit.agent.AuditAgent "),
                ClassLoads.indexOf(loaded, " dev.jvmaudit.agent.Installer "));
        assertEquals(List.of(), matching(premainCalled, "LambdaForm$MH/"), "premain is called natively");
    }

    private static List<String> matching(List<String> lines, String part) {
        return lines.stream().filter(line -> line.contains(part)).toList();
    }
}
