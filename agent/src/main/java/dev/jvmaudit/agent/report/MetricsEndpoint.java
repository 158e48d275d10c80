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
import java.util.function.Supplier;

/**
 * A minimal HTTP/1.1 endpoint serving {@code GET /metrics} and nothing else, one connection at a time on one daemon
 * thread; slow or malformed clients are cut off by a read timeout and a header size limit.
 */
final class MetricsEndpoint {

    private static final int READ_TIMEOUT_MS = 2000;
    private static final int MAX_HEADER_BYTES = 8192;

    private final ServerSocket server;
    private final Supplier<String> scrape;
    private final Thread thread;

    private MetricsEndpoint(ServerSocket server, Supplier<String> scrape) {
        this.server = server;
        this.scrape = scrape;
        this.thread = new Thread(new Runnable() { // not a method reference: it would spin a class at start
            @Override
            public void run() {
                serve();
            }
        }, "audit-metrics");
        thread.setDaemon(true);
    }

    /** Binds host:port; throws IOException when it cannot (the caller warns and carries on). */
    static MetricsEndpoint start(String host, int port, Supplier<String> scrape) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(socket, scrape);
        endpoint.thread.start();
        return endpoint;
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        InetAddress address = server.getInetAddress();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + port() + "/metrics";
    }

    private void serve() {
        Guard.ownThread();
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

    void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket cannot lose data
        }
    }
}
