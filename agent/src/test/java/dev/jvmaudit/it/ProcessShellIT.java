package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Processes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** process.shell: sh -c with a concatenated string and Runtime.exec(String) with metacharacters fire; vectors don't. */
class ProcessShellIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void shellCommandStringsFire(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Processes.class, "shell", "mallory").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("process.shell", "process.shell"), run.rules(), run.stderr());

        JsonNode sh = run.findings().get(0);
        assertTrue(sh.get("callsite").asText().matches("example\\.Processes\\.shellWithString\\(Processes\\.java:\\d+\\)"), sh.toString());
        assertEquals("sh", sh.get("shell").asText());
        assertEquals("echo", sh.get("program").asText());
        assertEquals("API_TOKEN= echo hello mallory > /dev/null", sh.get("command").asText());
        assertEquals("ProcessBuilder", sh.get("via").asText());
        assertEquals("medium", sh.get("severity").asText());
        assertEquals("CWE-78", sh.get("cwe").asText());

        JsonNode exec = run.findings().get(1);
        assertTrue(exec.get("callsite").asText().startsWith("example.Processes.execWithMetacharacters(Processes.java:"), exec.toString());
        assertEquals("ls", exec.get("program").asText());
        assertEquals("none", exec.get("shell").asText());
        assertEquals("ls *.txt", exec.get("command").asText());
        assertEquals("Runtime.exec(String)", exec.get("via").asText());

        String log = Files.readString(run.logFile());
        assertFalse(log.contains("s3cr3t"), "values of KEY=VALUE words are removed");
        assertFalse(log.contains("env-secret-value") || log.contains("DB_PASSWORD"), "the environment is never logged");
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void argumentVectorsAreSilent(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Processes.class, "vector", "mallory").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(), run.findings());
    }
}
