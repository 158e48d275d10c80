package dev.jvmaudit.it;

import example.EveryFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code -agentlib:instrument=audit.jar=options} is how the JVM itself runs {@code -javaagent:audit.jar=options}, less
 * the {@code java.instrument} root module {@code -javaagent} adds, which turns the archived module graph off.
 */
class AgentlibFormIT {

    private static final Pattern MODULE_GRAPH = Pattern.compile("full module graph: (\\w+)");

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void auditsAsJavaagentDoesAndKeepsTheArchivedModuleGraph(Path jdk) throws Exception {
        AgentRun.Running plain = everyFamily(AgentRun.on(jdk).withoutAgent(), false);
        AgentRun.Running javaagent = everyFamily(AgentRun.on(jdk), false);
        AgentRun.Running agentlib = everyFamily(AgentRun.on(jdk).asAgentlib(), true);

        assertEquals(javaagent.rules(), agentlib.rules());
        assertEquals(5, agentlib.rules().size(), "one finding per family: " + agentlib.rules());
        assertEquals(plain.stdout(), agentlib.stdout());
        assertEquals(plain.exitCode(), agentlib.exitCode());
        assertEquals(moduleGraph(plain), moduleGraph(agentlib), "the module graph is set up as without an agent");
        if (moduleGraph(plain).equals("enabled")) {
            assertEquals("disabled", moduleGraph(javaagent), "what the other form costs");
        }
    }

    /** Runs {@link EveryFamily} to its end, with the class data sharing log in {@code cds.log}. */
    private static AgentRun.Running everyFamily(AgentRun run, boolean scrape) throws Exception {
        AgentRun.Running running = run.main(EveryFamily.class).jvm("-Xlog:cds=info:file=cds.log").start();
        try {
            running.awaitStdout("ready", 30);
            if (scrape) {
                String metrics = running.scrape();
                assertEquals(1.0, AgentRun.Running.sample(metrics, "audit_violations_total", "file.permissive"), metrics);
            }
        } finally {
            running.process().getOutputStream().close();
            running.waitFor(60);
        }
        return running;
    }

    /** "enabled" or "disabled" as the JVM logs it, "absent" when it uses no class data sharing archive. */
    private static String moduleGraph(AgentRun.Running run) throws IOException {
        Matcher graph = MODULE_GRAPH.matcher(Files.readString(run.dir().resolve("cds.log")));
        return graph.find() ? graph.group(1) : "absent";
    }
}
