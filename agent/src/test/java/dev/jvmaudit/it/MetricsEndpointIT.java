package dev.jvmaudit.it;

import example.EndpointThread;
import example.WaitForSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus endpoint: loopback only, /metrics only, counts every violation, survives bad clients. */
class MetricsEndpointIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void countsViolationsAndServesOnlyMetrics(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(WaitForSignal.class).start();
        try {
            run.awaitStdout("ready", 30);
            String url = run.metricsUrl();
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            String metrics = run.scrape();
            assertEquals(1.0, AgentRun.Running.sample(metrics, "audit_violations_total", "file.permissive"), metrics);
            assertEquals(0.0, AgentRun.Running.sample(metrics, "audit_violations_total", "http.cleartext"), metrics);
            assertTrue(metrics.contains("audit_violations_total{rule=\"file.permissive\",severity=\"high\"} 1.0"), metrics);
            assertTrue(metrics.contains("audit_agent_errors_total{hook=\"file\"} 0.0"), metrics);
            assertTrue(metrics.contains("audit_agent_info{mode=\"javaagent\",version=\""), metrics);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create(url.replace("/metrics", "/admin")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());

            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), URI.create(url).getPort())) {
                slow.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
                assertTrue(run.scrape().contains("audit_violations_total"), "a stalled client does not block scrapes for long");
                assertEquals(400, statusOf(malformed(URI.create(url).getPort())));
            }
        } finally {
            run.process().destroy();
            run.waitFor(30);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void busyPortIsOneWarningAndTheApplicationRuns(Path jdk) throws Exception {
        Path findings = Scratch.file("findings", ".jsonl");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentRun.Running run = AgentRun.on(jdk).main(WaitForSignal.class)
                    .exactAgentArgs("metrics.port=" + taken.getLocalPort() + ",log.file=" + findings).start();
            try {
                run.awaitStdout("ready", 30);
                String warning = "audit: metrics endpoint not started: cannot bind 127.0.0.1:" + taken.getLocalPort();
                run.awaitStderr(warning, 30); // the endpoint's thread binds while the application starts
                assertEquals(1, run.stderr().lines().count(), run.stderr());
                assertTrue(run.stderr().startsWith(warning), run.stderr());
                assertTrue(run.process().isAlive(), "the application runs on");
            } finally {
                run.process().destroy();
                run.waitFor(30);
            }
        }
    }

    /**
     * A thread blocked in {@code accept} at exit would hold the JVM for 300 ms (HotSpot waits for threads in native
     * code at its last safepoint): the end of run closes the port, and the thread has ended before the JVM does.
     */
    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void theEndpointThreadEndsBeforeTheJvm(Path jdk) throws Exception {
        Path threadLog = Scratch.file("os-thread", ".log");
        AgentRun.Running run = AgentRun.on(jdk).main(EndpointThread.class)
                .jvm("-Xlog:os+thread=info:file=" + threadLog).run();
        assertEquals(0, run.exitCode(), run.stderr());
        Matcher tid = Pattern.compile("audit-metrics tid (\\d+)").matcher(run.stdout());
        assertTrue(tid.find(), run.stdout());
        // JDK 17: "JavaThread exiting (tid: N)."; JDK 25 names the thread too
        Pattern exiting = Pattern.compile(
                "JavaThread exiting \\((name: \"audit-metrics\", )?tid: " + tid.group(1) + "\\)");
        assertTrue(exiting.matcher(Files.readString(threadLog)).find(), Files.readString(threadLog));
    }

    private static String malformed(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("\u0001\u0002 garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int statusOf(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }
}
