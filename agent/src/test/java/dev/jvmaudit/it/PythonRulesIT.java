package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python code under Jython 2.7.4 with the agent: each covered rule fires for a bad snippet of {@code src/test/python},
 * naming the Python line marked {@code # audit: KEY}, and stays silent for its corrected twin.
 */
class PythonRulesIT {

    /** The call site a finding must have: {@code script.py:LINE in FUNCTION}, LINE from the marker. */
    static String site(String script, String key, String function) throws IOException {
        List<String> lines = Files.readAllLines(PythonRun.SCRIPTS.resolve(script), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# audit: " + key)) {
                return script + ":" + (i + 1) + " in " + function;
            }
        }
        throw new AssertionError("no marker '" + key + "' in " + script);
    }

    /** rule -> call sites, in log order, with the Python-specific keys checked on each. */
    static Map<String, List<String>> byRule(AgentRun.Running run) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (JsonNode f : run.findings()) {
            assertEquals("python", f.path("language").asText(), f.toString());
            found.computeIfAbsent(f.get("rule").asText(), k -> new ArrayList<>()).add(f.get("callsite").asText());
        }
        return found;
    }

    static Path workDir() throws IOException {
        return Scratch.directory("py-audit");
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void jythonStartingAloneProducesNothing(Path jdk) throws Exception {
        AgentRun.Running run = PythonRun.script(jdk, "hello.py").run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("1\n", run.stdout());
        assertEquals(List.of(), run.findings(), "Jython's start-up (locale charmap, jffi's temp file, its closer) is not the application's");
        assertEquals(List.of(), run.stderrBesidesEndpoint(), "only the metrics line: " + run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void fileCreationRules(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "files.py", "bad", workDir().toString()).run();
        assertEquals(0, bad.exitCode(), bad.stderr());
        assertEquals(Map.of(
                "file.permissive", List.of(site("files.py", "open-state", "write_state"), site("files.py", "chmod", "share_file"),
                        site("files.py", "os-open", "create_key"), site("files.py", "mkdir", "make_token_dir"),
                        site("files.py", "rename", "replace_key")),
                "file.insecure-temp", List.of(site("files.py", "temp", "temp_report"))), byRule(bad));
        JsonNode chmod = bad.findings("file.permissive").get(1);
        assertEquals("0666", chmod.get("mode").asText());
        assertEquals("chmod", chmod.get("how").asText());
        JsonNode osOpen = bad.findings("file.permissive").get(2);
        assertEquals("0644", osOpen.get("mode").asText(), "os.open ignores 0600 on Jython: the umask decides");
        JsonNode rename = bad.findings("file.permissive").get(4);
        assertEquals("renamed", rename.get("how").asText(), "os.rename is File.renameTo: " + rename);

        AgentRun.Running good = PythonRun.script(jdk, "files.py", "good", workDir().toString()).run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals("done\n", good.stdout());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void concurrentWrite(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "lifecycle.py", "race", workDir().toString()).run();
        assertEquals(0, bad.exitCode(), bad.stderr());
        String open = site("lifecycle.py", "race-open", "writer");
        assertEquals(Map.of("file.concurrent-write", List.of(open)), byRule(bad));
        JsonNode f = bad.findings().get(0);
        assertEquals(open, f.get("other_callsite").asText());
        assertTrue(f.get("thread").asText().startsWith("writer-"), f.toString());

        AgentRun.Running good = PythonRun.script(jdk, "lifecycle.py", "turns", workDir().toString()).run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void fileLeftToJythonsCloser(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "lifecycle.py", "left-open", workDir().toString()).run();
        assertEquals(0, bad.exitCode(), bad.stderr());
        assertEquals(Map.of("file.open-at-exit", List.of(site("lifecycle.py", "left-open", "open_journal"))), byRule(bad));
        assertTrue(bad.findings().get(0).get("path").asText().endsWith("/journal.log"));

        AgentRun.Running good = PythonRun.script(jdk, "lifecycle.py", "closed", workDir().toString()).run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void uncaughtDeathOfAPythonThread(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "threads.py", "uncaught").run();
        assertEquals(0, bad.exitCode(), bad.stderr());
        assertTrue(bad.stderr().contains("Exception in thread poller"), "Jython prints it itself: " + bad.stderr());
        assertEquals(Map.of("thread.uncaught-death", List.of(site("threads.py", "start-poller", "main"))), byRule(bad));
        JsonNode f = bad.findings().get(0);
        assertEquals("poller", f.get("thread").asText());
        assertEquals("ValueError", f.get("exception").asText());
        assertEquals("no route to the L3 agent", f.get("exceptionMessage").asText());
        assertEquals(site("threads.py", "raise-poll", "poll_once"), f.get("frame").asText());

        AgentRun.Running good = PythonRun.script(jdk, "threads.py", "caught").run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void abandonedPythonThreadOnSigterm(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "threads.py", "abandoned").start();
        PythonRun.awaitReady(bad);
        bad.sigterm();
        bad.waitFor(60);
        assertEquals(Map.of("thread.abandoned-at-exit", List.of(site("threads.py", "start-consumer", "main"))), byRule(bad));
        JsonNode f = bad.findings().get(0);
        assertEquals("queue-consumer", f.get("thread").asText());
        assertEquals("SIGTERM", f.get("shutdown").asText());
        assertEquals(site("threads.py", "consume-loop", "consume"), f.get("at").asText());

        AgentRun.Running good = PythonRun.script(jdk, "threads.py", "joined").start();
        PythonRun.awaitReady(good);
        good.sigterm();
        good.waitFor(60);
        assertTrue(good.stdout().contains("worker stopped"), good.stdout());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void sigtermHandlerThatNeverEnds(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "shutdown.py", "slow").agentArgs("shutdown.budget=2s").start();
        PythonRun.awaitReady(bad);
        bad.sigterm();
        List<JsonNode> slow = bad.awaitFinding("shutdown.hook-slow", 30);
        bad.process().destroyForcibly().waitFor();
        assertEquals(Map.of("shutdown.hook-slow", List.of(site("shutdown.py", "signal", "main"))), byRule(bad));
        JsonNode f = slow.get(0);
        assertEquals("SIGTERM handler", f.get("thread").asText());
        assertEquals("SIGTERM", f.get("signal").asText());
        assertTrue(f.get("message").asText().contains("sys.exit waits for every non-daemon thread"), f.toString());

        AgentRun.Running good = PythonRun.script(jdk, "shutdown.py", "bounded").agentArgs("shutdown.budget=2s").start();
        PythonRun.awaitReady(good);
        good.sigterm();
        assertEquals(0, good.waitFor(60), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void sigtermHandlerThatFails(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "shutdown.py", "failing").start();
        PythonRun.awaitReady(bad);
        bad.sigterm();
        List<JsonNode> failed = bad.awaitFinding("shutdown.hook-failed", 30);
        bad.process().destroyForcibly().waitFor();
        assertEquals(Map.of("shutdown.hook-failed", List.of(site("shutdown.py", "signal", "main"))), byRule(bad));
        assertEquals("RuntimeError", failed.get(0).get("exception").asText());
        assertEquals(site("shutdown.py", "raise-handler", "failing"), failed.get(0).get("frame").asText());

        AgentRun.Running good = PythonRun.script(jdk, "shutdown.py", "guarded").start();
        PythonRun.awaitReady(good);
        good.sigterm();
        assertEquals(0, good.waitFor(60), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void atexitFunctionThatFails(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "shutdown.py", "atexit-fail").run();
        assertEquals(Map.of("shutdown.hook-failed", List.of(site("shutdown.py", "atexit-def", "flush_metrics"))), byRule(bad));
        assertEquals("atexit flush_metrics", bad.findings().get(0).get("hook").asText());
        assertEquals("IOError", bad.findings().get(0).get("exception").asText());

        AgentRun.Running good = PythonRun.script(jdk, "shutdown.py", "atexit-ok").run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void shellCommands(Path jdk) throws Exception {
        AgentRun.Running bad = PythonRun.script(jdk, "processes.py", "bad").run();
        assertEquals(0, bad.exitCode(), bad.stderr());
        assertEquals(Map.of("process.shell", List.of(site("processes.py", "os-system", "main"),
                site("processes.py", "popen-shell", "main"))), byRule(bad));
        assertEquals("echo system > /dev/null", bad.findings().get(0).get("command").asText());

        AgentRun.Running good = PythonRun.script(jdk, "processes.py", "good").run();
        assertEquals(0, good.exitCode(), good.stderr());
        assertEquals(List.of(), good.findings());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void httplibAndUrllib2(Path jdk) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());
            AgentRun.Running bad = noProxyFromEnvironment(PythonRun.script(jdk, "http_clients.py", "bad", port)).run();
            assertEquals(0, bad.exitCode(), bad.stderr());
            assertEquals(Map.of(
                    "http.no-timeout", List.of(site("http_clients.py", "urlopen", "main"), site("http_clients.py", "httplib", "main")),
                    "http.cleartext", List.of(site("http_clients.py", "cleartext", "main"))), byRule(bad));
            JsonNode cleartext = bad.findings("http.cleartext").get(0);
            assertEquals("http://l3-agent.example.com/notify", cleartext.get("url").asText());
            assertEquals("POST", bad.findings("http.no-timeout").get(1).get("method").asText());

            AgentRun.Running good = noProxyFromEnvironment(PythonRun.script(jdk, "http_clients.py", "good", port)).run();
            assertEquals(0, good.exitCode(), good.stderr());
            assertEquals(List.of(), good.findings());
        } finally {
            server.stop(0);
        }
    }

    /** urllib2 reads proxies from the environment: the test's requests must go to 127.0.0.1 only. */
    private static AgentRun noProxyFromEnvironment(AgentRun run) {
        for (String name : List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")) {
            run.env(name, "");
        }
        return run.env("no_proxy", "127.0.0.1,localhost");
    }
}
