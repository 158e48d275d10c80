package dev.jvmaudit.agent.report;

import dev.jvmaudit.agent.config.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the reporter starts its endpoint: at once on an attach, when asked (a second in) at a -javaagent start. */
class ReporterEndpointTest {

    @TempDir
    Path dir;

    private Reporter reporter(String mode) {
        return new Reporter(AgentConfig.load("metrics.port=0,metrics.host=127.0.0.1,summary=off,log.file="
                + dir.resolve("findings.jsonl")), "test", mode, () -> { });
    }

    @Test
    void aJavaagentStartBindsOnlyWhenAskedAndCloseReleasesThePort() throws Exception {
        Reporter reporter = reporter("javaagent");
        reporter.start();
        reporter.startEndpoint();
        reporter.startEndpoint(); // once: a second call changes nothing

        String url = reporter.metricsUrl();
        assertNotNull(url);
        int port = URI.create(url).getPort();
        assertTrue(status(port).startsWith("HTTP/1.1 200"));

        reporter.close();
        assertThrows(ConnectException.class, () -> status(port));
    }

    @Test
    void anAttachBindsAtStart() throws Exception {
        Reporter reporter = reporter("attach");
        reporter.start();
        try {
            assertNotNull(reporter.metricsUrl());
        } finally {
            reporter.close();
        }
    }

    @Test
    void closedBeforeItWasAskedTheEndpointNeverStarts() {
        Reporter reporter = reporter("javaagent");
        reporter.start();
        reporter.close();
        reporter.startEndpoint();

        long started = System.nanoTime();
        assertNull(reporter.metricsUrl());
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a closed reporter has no endpoint to wait for");
    }

    private static String status(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
