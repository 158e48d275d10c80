package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keepalived state-change monitor written in Python (demo-app/src/main/python), under Jython with the agent. */
class PythonDemoIT {

    static final Path DEMO = Path.of("../demo-app/src/main/python/keepalived_state_change.py").toAbsolutePath().normalize();

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void theDaemonsWeakSpotsAsPythonFindings(Path jdk) throws Exception {
        assertTrue(Files.isRegularFile(DEMO), DEMO.toString());
        Path confDir = Scratch.directory("keepalived-py");
        AgentRun.Running run = PythonRun.script(jdk, DEMO.toString(), "--l3-agent", "fail", "--conf-dir", confDir.toString())
                .agentArgs("shutdown.budget=3s").start();
        try {
            run.awaitStdout("waiting for SIGTERM", 90);
            run.sigterm();
            run.awaitFinding("shutdown.hook-slow", 30);
        } finally {
            run.process().destroyForcibly().waitFor();
        }
        Map<String, String> sites = new TreeMap<>();
        for (JsonNode f : run.findings()) {
            assertEquals("python", f.path("language").asText(), f.toString());
            String callsite = f.get("callsite").asText();
            assertTrue(callsite.startsWith("keepalived_state_change.py:"), callsite);
            sites.putIfAbsent(f.get("rule").asText(), callsite.substring(callsite.indexOf(" in ") + 4));
        }
        // two threads write the state file in place: the race is real but its timing is not, so it may show
        sites.remove("file.concurrent-write");
        assertEquals(Map.of(
                "file.permissive", "write_state_change",
                "http.no-timeout", "notify_agent",
                "thread.uncaught-death", "run",
                "shutdown.hook-slow", "daemonize"), sites, run.stderr());
        assertEquals("0666", run.findings("file.permissive").get(0).get("mode").asText());
        assertEquals(Set.of("file.permissive", "http.no-timeout", "thread.uncaught-death", "shutdown.hook-slow",
                "file.concurrent-write").containsAll(run.rules()), true, run.rules().toString());
        JsonNode slow = run.findings("shutdown.hook-slow").get(0);
        assertTrue(slow.get("pythonStack").toString().contains(" in join"), slow.toString());
        List<String> stderr = run.stderr().lines().toList();
        assertTrue(stderr.stream().anyMatch(l -> l.startsWith("Exception: Unexpected response: 500")), run.stderr());
    }
}
