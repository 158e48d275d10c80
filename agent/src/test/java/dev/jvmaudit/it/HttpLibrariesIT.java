package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.HttpApacheCases;
import example.HttpOkHttpCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apache HttpClient 5 (classic) and OkHttp, on the application's class path. */
class HttpLibrariesIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void apacheBadCasesFireOnceEach(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpApacheCases.class, "bad").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(Map.of(
                "uncheckedStatusInOwnHandler", "http.unchecked-status",
                "uncheckedStatusExecuteOpen", "http.unchecked-status",
                "cleartextThroughProxy", "http.cleartext",
                "responseTimeoutDisabled", "http.no-timeout",
                "socketTimeoutDisabled", "http.no-timeout"), HttpCases.findingsByMethod(run, HttpApacheCases.class, "// sent"));
        for (JsonNode status : run.findings("http.unchecked-status")) {
            assertEquals(500, status.get("status").asInt(), status.toString());
            assertEquals("Apache HttpClient 5", status.get("client").asText());
        }
        assertEquals("http://api.example.com/orders", HttpCases.only(run, "http.cleartext").get("url").asText());
        List<String> missing = run.findings("http.no-timeout").stream().map(f -> f.get("timeout").asText()).sorted().toList();
        assertEquals(List.of("connect,read", "read"), missing);
        HttpCases.assertNoSecrets(run);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void apacheGoodTwinsFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpApacheCases.class, "good").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(List.of(), run.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void okHttpBadCasesFireOnceEach(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpOkHttpCases.class, "bad").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(Map.of(
                "uncheckedStatus", "http.unchecked-status",
                "uncheckedStatusEnqueue", "http.unchecked-status",
                "cleartextThroughProxy", "http.cleartext",
                "readTimeoutZero", "http.no-timeout"), HttpCases.findingsByMethod(run, HttpOkHttpCases.class, "// sent"));
        for (JsonNode status : run.findings("http.unchecked-status")) {
            assertEquals(500, status.get("status").asInt(), status.toString());
            assertEquals("main", status.get("thread").asText(), "the thread that sent it, also for enqueue");
        }
        assertEquals("http://api.example.com/orders", HttpCases.only(run, "http.cleartext").get("url").asText());
        assertEquals("read", HttpCases.only(run, "http.no-timeout").get("timeout").asText());
        HttpCases.assertNoSecrets(run);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void okHttpGoodTwinsFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, HttpOkHttpCases.class, "good").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(List.of(), run.findings());
    }
}
