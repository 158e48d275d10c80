package dev.jvmaudit.demo.fake;

import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Request;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackHttpServerTest {

    @Test
    void okAnswers200AndRecordsTheNeutronHeaders() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("test-l3", Answer.OK)) {
            assertEquals("http://127.0.0.1:" + server.port() + "/", server.uri().toString());
            HttpURLConnection connection = open(server.uri());
            connection.setRequestProperty("X-Neutron-Router-Id", "r-1");
            connection.setRequestProperty("X-Neutron-State", "primary");
            assertEquals(200, connection.getResponseCode());
            assertEquals(List.of(new Request("GET", URI.create("/"), "r-1", "primary")), server.received());
        }
    }

    @Test
    void failAnswers500() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("test-l3", Answer.FAIL)) {
            assertEquals(500, open(server.uri()).getResponseCode());
        }
    }

    @Test
    void hangNeverAnswersUntilClosed() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("test-l3", Answer.HANG)) {
            HttpURLConnection connection = open(server.uri());
            connection.setReadTimeout(300);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, connection::getResponseCode);
            assertTrue(System.nanoTime() - start >= 250_000_000L);
        }
    }

    @Test
    void actsAsAForwardProxyForAbsoluteUris() throws Exception {
        try (LoopbackHttpServer proxy = LoopbackHttpServer.start("test-proxy", Answer.OK)) {
            java.net.Proxy viaProxy = new java.net.Proxy(java.net.Proxy.Type.HTTP,
                    new java.net.InetSocketAddress("127.0.0.1", proxy.port()));
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://billing.internal.example/api")
                    .toURL().openConnection(viaProxy);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            assertEquals(200, connection.getResponseCode());
            assertEquals(URI.create("http://billing.internal.example/api"), proxy.received().get(0).uri());
        }
    }

    @Test
    void runsOnDaemonThreadsOnly() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("test-l3", Answer.OK)) {
            assertEquals(200, open(server.uri()).getResponseCode());
            List<Thread> serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("HTTP-Dispatcher") || t.getName().startsWith("test-l3-"))
                    .toList();
            assertFalse(serverThreads.isEmpty());
            assertTrue(serverThreads.stream().allMatch(Thread::isDaemon), serverThreads::toString);
        }
    }

    private static HttpURLConnection open(URI uri) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        return connection;
    }
}
