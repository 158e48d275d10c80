package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the HTTP test programs ({@code example.*Cases}) and checks their findings: one per bad method, at the line
 * marked {@code // sent} (or {@code // installed}) in that method, and none for the good twins.
 *
 * <p>Network safety: the child JVM resolves names only through a hosts file that knows {@code localhost} alone
 * ({@code -Djdk.net.hosts.file}), so a lookup of {@code api.example.com} would fail in the JVM instead of leaving the
 * machine; the "remote" requests go to a proxy on 127.0.0.1 that answers them itself.
 */
final class HttpCases {

    static final Path LIBS = Path.of("target/it-libs").toAbsolutePath();
    static final List<String> SECRETS = List.of("hunter2", "s3cr3t-query");

    private HttpCases() {
    }

    /** The test classes plus the HTTP libraries (HC5, OkHttp and what they need). */
    static String classpath() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(LIBS)) {
            files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        return AgentRun.classpathWith(jars.toArray(new Path[0]));
    }

    static AgentRun program(Path jdk, Class<?> main, String... args) throws IOException {
        Path hosts = Scratch.file("audit-it-hosts", ".txt");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        hosts.toFile().deleteOnExit();
        return AgentRun.on(jdk).classpath(classpath()).jvm("-Djdk.net.hosts.file=" + hosts).main(main, args);
    }

    /** Method of the program → rule, asserting one finding per method, each at its marked line. */
    static Map<String, String> findingsByMethod(AgentRun.Running run, Class<?> program, String marker) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java", program.getName().replace('.', '/') + ".java"));
        String prefix = program.getName() + ".";
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode finding : run.findings()) {
            String callsite = finding.get("callsite").asText();
            assertTrue(callsite.startsWith(prefix), callsite + " in " + finding);
            String method = callsite.substring(prefix.length(), callsite.indexOf('('));
            String rule = finding.get("rule").asText();
            String previous = actual.put(method, rule);
            assertEquals(null, previous, "more than one finding for " + method + ": " + run.findings());
            int line = Integer.parseInt(callsite.substring(callsite.lastIndexOf(':') + 1, callsite.length() - 1));
            assertEquals(markedLine(source, method, marker), line, "call site of " + finding);
            for (String key : List.of("severity", "cwe", "message", "thread", "occurrences")) {
                assertTrue(finding.hasNonNull(key), key + " missing in " + finding);
            }
            assertEquals(1, finding.get("occurrences").asInt(), finding.toString());
        }
        return actual;
    }

    /** The 1-based line of the first marker after the method's declaration. */
    static int markedLine(List<String> source, String method, String marker) {
        int i = 0;
        while (i < source.size() && !source.get(i).matches("\\s*(static|public|private).*\\s" + method + "\\(.*")) {
            i++;
        }
        for (; i < source.size(); i++) {
            if (source.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker + " in " + method);
    }

    static void assertNoSecrets(AgentRun.Running run) throws IOException {
        String log = Files.exists(run.logFile()) ? Files.readString(run.logFile()) : "";
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "a secret reached the log: " + log);
            assertFalse(run.stderr().contains(secret), "a secret reached stderr: " + run.stderr());
        }
    }

    static JsonNode only(AgentRun.Running run, String rule) throws IOException {
        List<JsonNode> found = run.findings(rule);
        assertEquals(1, found.size(), rule + ": " + run.findings());
        assertNotNull(found.get(0));
        return found.get(0);
    }
}
