package dev.jvmaudit.demo.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that answers every request the same way, on command: the fake L3 agent of the
 * monitor, and the fake forward proxy of the gallery (it also accepts {@code GET http://host/path} request lines).
 * It runs on daemon threads only, so it never keeps the JVM alive and never counts as the application's threads.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** How every request is answered. */
    public enum Answer { OK, FAIL, HANG }

    /** One request as the server saw it. */
    public record Request(String method, URI uri, String routerId, String state) {
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Answer answer;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> received = new CopyOnWriteArrayList<>();

    private LoopbackHttpServer(HttpServer server, ExecutorService handlers, Answer answer) {
        this.server = server;
        this.handlers = handlers;
        this.answer = answer;
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackHttpServer start(String name, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool(daemonThreads(name));
        LoopbackHttpServer fake = new LoopbackHttpServer(server, handlers, answer);
        server.createContext("/", fake::handle);
        server.setExecutor(handlers);
        // the JDK's dispatcher thread inherits daemon status from the thread that starts the server
        Thread starter = daemonThreads(name + "-starter").newThread(server::start);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        }
        return fake;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Answer answer() {
        return answer;
    }

    /** Requests received so far, oldest first. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("X-Neutron-Router-Id"),
                    exchange.getRequestHeaders().getFirst("X-Neutron-State")));
            switch (answer) {
                case OK -> exchange.sendResponseHeaders(200, -1);
                case FAIL -> {
                    byte[] text = "internal error\n".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, text.length);
                    exchange.getResponseBody().write(text);
                }
                case HANG -> awaitClosing();
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases hanging requests and stops the server. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
