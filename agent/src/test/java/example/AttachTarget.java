package example;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A service started without the agent, driven line by line on stdin so the test can act before and after
 * attaching: one command per rule family, {@code threads}, which prints the names of all live threads, and {@code tag},
 * which prints the call-site tag its open sees in the bridge.
 */
public final class AttachTarget {

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.split(" ", 2);
            switch (command[0]) {
                case "write" -> writeState(command[1]);
                case "http" -> {
                    getWithoutTimeouts(server.getAddress().getPort());
                    getCheckingTheStatus(server.getAddress().getPort());
                }
                case "die" -> dyingWorker();
                case "worker" -> startWorker();
                case "hook" -> Runtime.getRuntime().addShutdownHook(new Thread(AttachTarget::failingHook, "failing-hook"));
                case "threads" -> Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("thread " + t.getName()));
                case "tag" -> System.out.println("tag " + LateOpener.tagWhileOpening(command[1]));
                default -> System.out.println("unknown " + line);
            }
            System.out.println("done " + line);
        }
        server.stop(0);
    }

    static void getWithoutTimeouts(int port) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        System.out.println("status " + connection.getResponseCode());
        connection.disconnect();
    }

    /** Nothing to report, but java.net.http's status tracking starts its thread, which a detach must end. */
    static void getCheckingTheStatus(int port) throws Exception {
        Duration timeout = Duration.ofSeconds(5);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(timeout).build();
        System.out.println("status " + client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    static void dyingWorker() throws InterruptedException {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("worker failed");
        }, "dying-worker");
        worker.start();
        worker.join();
    }

    /** A non-daemon worker nobody stops: abandoned when the JVM is stopped by a signal. */
    static void startWorker() {
        Thread worker = new Thread(AttachTarget::pollForever, "poller");
        worker.start();
    }

    static void pollForever() {
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static void failingHook() {
        throw new IllegalStateException("hook failed");
    }

    /** First loaded by the first {@code tag} command, so after an attach: its open is tagged while the agent is there. */
    static final class LateOpener {
        static String tagWhileOpening(String path) throws Exception {
            TaggedOpens.Peeking peeking = new TaggedOpens.Peeking(path);
            new FileOutputStream(peeking).close();
            return peeking.seen.replace('\n', '|');
        }
    }

    static void writeState(String path) throws Exception {
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write('1');
        }
    }
}
