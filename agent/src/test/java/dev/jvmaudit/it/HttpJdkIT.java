package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.HttpJdkCases;
import example.HttpUrlConnectionCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's two clients: java.net.http (send, sendAsync) and HttpURLConnection. */
class HttpJdkIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void javaNetHttpBadCasesFireOnceEach(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpJdkCases.class, "bad").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(Map.of(
                "uncheckedStatus", "http.unchecked-status",
                "uncheckedStatusAsync", "http.unchecked-status",
                "uncheckedStatusAfterAFailedSend", "http.unchecked-status",
                "uncheckedStatusAfterAnInterruptedSend", "http.unchecked-status",
                "cleartextThroughProxy", "http.cleartext",
                "noTimeout", "http.no-timeout"), HttpCases.findingsByMethod(run, HttpJdkCases.class, "// sent"));
        assertTrue(run.stdout().contains("judged-at-gc=true"), "a dropped response is judged when collected: " + run.stdout());

        JsonNode status = run.findings("http.unchecked-status").get(0);
        assertEquals(500, status.get("status").asInt());
        assertEquals("GET", status.get("method").asText());
        assertEquals("high", status.get("severity").asText());
        assertEquals("CWE-252", status.get("cwe").asText());
        assertEquals("main", status.get("thread").asText());
        assertTrue(status.get("url").asText().matches("http://127\\.0\\.0\\.1:\\d+/fail"), status.toString());

        JsonNode cleartext = HttpCases.only(run, "http.cleartext");
        assertEquals("http://api.example.com/orders", cleartext.get("url").asText());
        JsonNode timeout = HttpCases.only(run, "http.no-timeout");
        assertEquals("read", timeout.get("timeout").asText(), "the client has a connect timeout, the request none");
        HttpCases.assertNoSecrets(run);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void javaNetHttpGoodTwinsFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpJdkCases.class, "good").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(List.of(), run.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void urlConnectionBadCasesFireOnceEach(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpUrlConnectionCases.class, "bad").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Map.of(
                "cleartextThroughProxy", "http.cleartext",
                "noTimeout", "http.no-timeout",
                "zeroReadTimeout", "http.no-timeout",
                "noTimeoutThroughARedirect", "http.no-timeout"), HttpCases.findingsByMethod(run, HttpUrlConnectionCases.class, "// sent"));
        JsonNode cleartext = HttpCases.only(run, "http.cleartext");
        assertEquals("http://api.example.com/orders", cleartext.get("url").asText());
        assertEquals("HttpURLConnection", cleartext.get("client").asText());
        List<JsonNode> timeouts = run.findings("http.no-timeout");
        assertEquals(List.of("connect,read", "connect,read", "read"), timeouts.stream().map(f -> f.get("timeout").asText()).sorted().toList());
        assertTrue(run.stderr().contains("http.no-timeout 3"), "the redirect's second connect is not counted: " + run.stderr());
        HttpCases.assertNoSecrets(run);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void urlConnectionGoodTwinsFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpUrlConnectionCases.class, "good")
                .jvm("-Dsun.net.client.defaultConnectTimeout=5000", "-Dsun.net.client.defaultReadTimeout=5000").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(List.of(), run.findings());
    }
}
