package dev.jvmaudit.agent.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {

    private static final Supplier<String> SCRAPE = () -> "audit_agent_info 1.0\n";

    /** What the endpoint's thread reported, once. */
    private static final class Heard implements MetricsEndpoint.Listener {
        final CompletableFuture<String> url = new CompletableFuture<>();
        final CompletableFuture<IOException> failure = new CompletableFuture<>();

        @Override
        public void bound(String url) {
            this.url.complete(url);
        }

        @Override
        public void notBound(IOException e) {
            failure.complete(e);
        }
    }

    @Test
    void bindsOnItsOwnThreadServesAndStopLetsTheThreadEnd() throws Exception {
        Heard heard = new Heard();
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, SCRAPE, heard);
        String url = heard.url.get(10, TimeUnit.SECONDS);
        assertTrue(endpoint.awaitSettled(0));
        assertEquals(url, endpoint.url());
        int port = URI.create(url).getPort();
        assertTrue(get(port).endsWith("\r\n\r\naudit_agent_info 1.0\n"), url);

        endpoint.stop();

        assertFalse(endpoint.thread.isAlive(), "stop() returns once the thread has left accept and ended");
        assertNull(endpoint.url());
        assertThrows(ConnectException.class, () -> get(port));
    }

    @Test
    void aBusyPortIsReportedOnceAndLeavesNoThread() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Heard heard = new Heard();
            MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", taken.getLocalPort(), SCRAPE, heard);
            assertTrue(heard.failure.get(10, TimeUnit.SECONDS).getMessage().contains("in use"));
            endpoint.thread.join(10_000);
            assertFalse(endpoint.thread.isAlive());
            assertTrue(endpoint.awaitSettled(0));
            assertNull(endpoint.url());
            assertFalse(heard.url.isDone());
        }
    }

    @Test
    void stoppedWhileBindingItKeepsNoSocketAndItsThreadHasEnded() throws Exception {
        Heard heard = new Heard();
        MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, SCRAPE, heard);
        endpoint.stop();

        assertFalse(endpoint.thread.isAlive());
        assertNull(endpoint.url());
        if (heard.url.isDone()) { // the bind came first: the socket stop() closed must refuse
            assertThrows(ConnectException.class, () -> get(URI.create(heard.url.get()).getPort()));
        }
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
