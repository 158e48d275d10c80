package dev.jvmaudit.agent.report;

import dev.jvmaudit.bootstrap.Guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A minimal HTTP/1.1 endpoint serving {@code GET /metrics} and nothing else, one connection at a time on one daemon
 * thread; slow or malformed clients are cut off by a read timeout and a header size limit. The thread binds the port
 * too: binding loads the JDK's socket classes (15-30 ms of CPU here), which the caller's thread should not wait for.
 */
final class MetricsEndpoint {

    private static final int READ_TIMEOUT_MS = 2000;
    private static final int MAX_HEADER_BYTES = 8192;

    /** What the endpoint's thread tells its owner once, after it tried to bind. */
    interface Listener {
        void bound(String url);

        void notBound(IOException e);
    }

    private final String host;
    private final int port;
    private final Supplier<String> scrape;
    private final Listener listener;
    final Thread thread;
    /** Guarded by this: the bound socket (null before, or when the bind failed), and whether the bind was tried. */
    private ServerSocket server;
    private boolean settled;
    private boolean stopped;

    private MetricsEndpoint(String host, int port, Supplier<String> scrape, Listener listener) {
        this.host = host;
        this.port = port;
        this.scrape = scrape;
        this.listener = listener;
        this.thread = new Thread(new Runnable() { // not a method reference: it would spin a class at start
            @Override
            public void run() {
                bindAndServe();
            }
        }, "audit-metrics");
        thread.setDaemon(true);
    }

    /**
     * Binds host:port and serves, on the endpoint's own thread; the listener hears how the bind went. Stopped before
     * the bind, the endpoint keeps no socket.
     */
    static MetricsEndpoint start(String host, int port, Supplier<String> scrape, Listener listener) {
        MetricsEndpoint endpoint = new MetricsEndpoint(host, port, scrape, listener);
        endpoint.thread.start();
        return endpoint;
    }

    private void bindAndServe() {
        Guard.ownThread();
        ServerSocket socket;
        try {
            socket = bind();
        } catch (IOException e) {
            settle(null);
            listener.notBound(e);
            return;
        }
        if (!settle(socket)) {
            close(socket);
            return;
        }
        listener.bound(url(socket));
        serve(socket);
    }

    private ServerSocket bind() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 16);
            return socket;
        } catch (IOException | RuntimeException e) {
            close(socket);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Records the bind's outcome; false when the endpoint was stopped meanwhile (the socket is then not kept). */
    private synchronized boolean settle(ServerSocket socket) {
        settled = true;
        notifyAll();
        if (stopped) {
            return false;
        }
        server = socket;
        return true;
    }

    /** Waits at most {@code millis} for the bind to be tried; true once it was. */
    synchronized boolean awaitSettled(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            for (long left = millis; left > 0 && !settled; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return settled;
    }

    /** The URL once bound, else null. */
    synchronized String url() {
        return server == null ? null : url(server);
    }

    private static String url(ServerSocket server) {
        InetAddress address = server.getInetAddress();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + server.getLocalPort() + "/metrics";
    }

    private void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(READ_TIMEOUT_MS);
                answer(client);
            } catch (SocketException closed) {
                if (server.isClosed()) {
                    return;
                }
            } catch (IOException | RuntimeException ignored) {
                // a broken client never stops the endpoint
            }
        }
    }

    private void answer(Socket client) throws IOException {
        String requestLine = readHead(client.getInputStream());
        OutputStream out = client.getOutputStream();
        String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            respond(out, "400 Bad Request", "bad request\n", true);
            return;
        }
        String method = parts[0];
        String target = parts[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (!"/metrics".equals(path)) {
            respond(out, "404 Not Found", "not found\n", true);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(out, "405 Method Not Allowed", "method not allowed\n", true);
        } else {
            respond(out, "200 OK", scrape.get(), method.equals("GET"));
        }
    }

    /** Reads the request head and returns its first line, or null when it is malformed or too long. */
    private static String readHead(InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEADER_BYTES];
        int length = 0;
        while (length < head.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head[length++] = (byte) b;
            if (length >= 4 && head[length - 4] == '\r' && head[length - 3] == '\n'
                    && head[length - 2] == '\r' && head[length - 1] == '\n') {
                String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
                return text.substring(0, text.indexOf("\r\n"));
            }
        }
        return null;
    }

    private static void respond(OutputStream out, String status, String body, boolean withBody) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(bytes);
        }
        out.flush();
    }

    /** How long {@link #stop} waits for the thread to end: microseconds from {@code accept}, milliseconds from a bind. */
    private static final long STOP_WAIT_MILLIS = 1000;

    /**
     * Closes the port and waits, bounded, for the thread to end (a bind under way finishes first and its socket is
     * closed at once).
     */
    void stop() {
        ServerSocket s;
        synchronized (this) {
            stopped = true;
            s = server;
            server = null;
        }
        if (s != null) {
            close(s);
        }
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket cannot lose data
        }
    }
}
