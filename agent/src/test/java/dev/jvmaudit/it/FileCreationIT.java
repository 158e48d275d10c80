package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.FileCreation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** file.permissive and file.insecure-temp across every way Java code creates files, bad cases and their twins. */
class FileCreationIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void eachBadCaseFiresOnceAtItsOwnLine(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("done\n", run.stdout());

        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("fileOutputStreamSensitive", "file.permissive"),
                Map.entry("fileWriterKey", "file.permissive"),
                Map.entry("printWriterToken", "file.permissive"),
                Map.entry("randomAccessFileSecret", "file.permissive"),
                Map.entry("chmodWorldWritable", "file.permissive"),
                Map.entry("bufferedWriterPassword", "file.permissive"),
                Map.entry("fileChannelCredential", "file.permissive"),
                Map.entry("copyToKey", "file.permissive"),
                Map.entry("moveToPem", "file.permissive"),
                Map.entry("renamedToSensitiveName", "file.permissive"),
                Map.entry("fileRenamedToKey", "file.permissive"),
                Map.entry("linkedAsPem", "file.permissive"),
                Map.entry("mkdirSensitive", "file.permissive"),
                Map.entry("createDirectoriesToken", "file.permissive"),
                Map.entry("createNewFilePem", "file.permissive"),
                Map.entry("tempFileReadableKey", "file.permissive"),
                Map.entry("setWritableForAll", "file.permissive"),
                Map.entry("sharedDirectoryStream", "file.insecure-temp"),
                Map.entry("sharedDirectoryFilesWrite", "file.insecure-temp")));
        Map<String, String> actual = new TreeMap<>();
        Map<String, String> hows = new TreeMap<>();
        for (JsonNode finding : run.findings()) {
            String callsite = finding.get("callsite").asText();
            assertTrue(callsite.startsWith("example.FileCreation."), callsite);
            assertTrue(callsite.matches("example\\.FileCreation\\.\\w+\\(FileCreation\\.java:\\d+\\)"), callsite);
            String method = callsite.substring("example.FileCreation.".length(), callsite.indexOf('('));
            String previous = actual.put(method, finding.get("rule").asText());
            assertEquals(null, previous, "more than one finding for " + method + ": " + run.findings());
            for (String key : List.of("severity", "cwe", "message", "thread", "occurrences", "path")) {
                assertTrue(finding.hasNonNull(key), key + " missing in " + finding);
            }
            assertEquals("main", finding.get("thread").asText());
            assertEquals(1, finding.get("occurrences").asInt());
            if (finding.has("how")) {
                hows.put(method, finding.get("how").asText());
            }
        }
        assertEquals(expected, actual);
        Map<String, List<String>> byHow = new TreeMap<>();
        hows.forEach((method, how) -> byHow.computeIfAbsent(how, h -> new ArrayList<>()).add(method));
        assertEquals(List.of("fileRenamedToKey", "moveToPem", "renamedToSensitiveName"), byHow.get("renamed"));
        assertEquals(List.of("linkedAsPem"), byHow.get("linked"));
        assertEquals(List.of("chmodWorldWritable", "setWritableForAll"), byHow.get("chmod"));
        assertEquals(17, hows.size(), "every file.permissive line says how: " + hows);
        assertTrue(run.stderr().contains("audit: 19 findings (file.permissive 17, file.insecure-temp 2)"), run.stderr());
    }

    /**
     * Under umask 002 the mode of a new file is not skipped for being like the last one in its directory: that one was
     * a finding too. A file given its own mode first teaches nothing of the others.
     */
    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void underAGroupWritableUmaskEveryNewFileIsFound(Path jdk) throws Exception {
        Path fakeJdk = Jdks.withUmask(jdk, "002", Scratch.directory("audit-umask").resolve("jdk"));
        AgentRun.Running run = AgentRun.on(fakeJdk).main(FileCreation.class, "group").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("done\n", run.stdout());
        Map<String, String> modes = new TreeMap<>();
        for (JsonNode finding : run.findings()) {
            assertEquals("file.permissive", finding.get("rule").asText(), finding.toString());
            String callsite = finding.get("callsite").asText();
            modes.put(callsite.substring("example.FileCreation.".length(), callsite.indexOf('(')), finding.get("mode").asText());
        }
        assertEquals(Map.of("groupWritableStream", "0664", "groupWritableFilesWrite", "0664", "groupWritableWriter", "0664"), modes);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void correctTwinsFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "good").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(), run.findings());
        assertEquals("done\n", run.stdout());
        assertEquals(List.of(), run.stderrBesidesEndpoint(), run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void findingsCarryTheirFacts(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad").run();
        JsonNode state = run.findings("file.permissive").get(0);
        assertEquals("high", state.get("severity").asText());
        assertEquals("CWE-732", state.get("cwe").asText());
        assertEquals("0644", state.get("mode").asText());
        assertTrue(state.get("path").asText().endsWith("/app.state"));
        assertTrue(state.get("message").asText().contains("rw-------"), "the message says how to fix it");
        List<String> newNames = new ArrayList<>();
        for (JsonNode finding : run.findings("file.permissive")) {
            String message = finding.get("message").asText();
            if (message.contains("deploy.key was renamed into place with mode 0644")
                    || message.contains("chain.pem was linked into place with mode 0644")) {
                newNames.add(finding.get("how").asText());
            }
        }
        assertEquals(List.of("renamed", "linked"), newNames, "a rename and a link say so in their messages");
        JsonNode temp = run.findings("file.insecure-temp").get(0);
        assertEquals("medium", temp.get("severity").asText());
        assertEquals("/tmp", temp.get("directory").asText());
    }
}
