package example;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's own hygiene (issue 10, item 5), seen from inside the application: which threads exist and which
 * sockets this process holds, at several moments, printed so a test can compare a run with the agent and one
 * without it.
 *
 * <p>{@code census}: prints {@code moment NAME}, then one {@code thread NAME daemon=B} line per live thread and one
 * {@code socket KIND STATE LOCAL REMOTE} line per socket descriptor of this process (from {@code /proc/self/fd} and
 * {@code /proc/self/net/*}), at {@code start}, {@code after-finding} (a file.permissive and an http.unchecked-status,
 * the latter judged by the collector), {@code after-deadlock-check} (1.5 s, three times a 500 ms interval) and
 * {@code shutdown} (inside a shutdown hook). A daemon watcher also prints {@code seen NAME daemon=B} for every thread
 * it ever sees, every 2 ms, until the JVM halts.
 *
 * <p>{@code findings N}: commits {@code N} file.permissive violations at {@code N} distinct call sites (so each is
 * one log line), one every 100 ms; after the 5th it prints {@code rotate-now} and waits until the file
 * {@code rotated} appears in the working directory.
 */
public final class Hygiene {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        if (args[0].equals("census")) {
            census();
        } else {
            findings(Integer.parseInt(args[1]));
        }
        System.out.println("done");
    }

    // ---- census ----

    static void census() throws Exception {
        startWatcher();
        print("start");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "boom".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("server-port " + server.getAddress().getPort());
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "app-http-executor");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(executor).build();

        Path shared = Path.of("shared.txt");
        Files.writeString(shared, "x");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-rw-")); // file.permissive
        uncheckedStatus(client, server.getAddress().getPort()); // http.unchecked-status, once collected
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
        }
        print("after-finding");
        Thread.sleep(1500);
        print("after-deadlock-check");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> print("shutdown"), "app-shutdown-hook"));
        server.stop(0);
        executor.shutdown();
    }

    static void uncheckedStatus(HttpClient client, int port) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.body().isEmpty()) {
            throw new IllegalStateException();
        }
    }

    static synchronized void print(String moment) {
        StringBuilder out = new StringBuilder("moment " + moment + "\n");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            out.append("thread ").append(t.getName()).append(" daemon=").append(t.isDaemon()).append('\n');
        }
        try {
            for (String socket : sockets()) {
                out.append("socket ").append(socket).append('\n');
            }
        } catch (IOException e) {
            out.append("socket-error ").append(e).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    static void startWatcher() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread watcher = new Thread(() -> {
            while (true) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    String line = t.getName() + " daemon=" + t.isDaemon();
                    if (seen.add(line)) {
                        System.out.println("seen " + line);
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "app-thread-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * This process's sockets: {@code KIND STATE LOCAL REMOTE} per socket descriptor, sorted. A consistent snapshot:
     * retried while a socket opens or closes between the descriptor scan and the reading of the kernel's tables.
     */
    static List<String> sockets() throws IOException {
        List<String> result = List.of();
        for (int attempt = 0; attempt < 10; attempt++) {
            Set<String> before = socketInodes();
            result = describe(before);
            if (before.equals(socketInodes()) && result.stream().noneMatch(s -> s.startsWith("other "))) {
                return result;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        return result;
    }

    static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile (the directory stream's own descriptor, say)
                }
            }
        }
        return inodes;
    }

    static List<String> describe(Set<String> inodes) throws IOException {
        Map<String, String> known = new HashMap<>();
        for (String kind : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/net/" + kind));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                known.put(f[9], kind + " " + state(kind, f[3]) + " " + address(f[1]) + " " + address(f[2]));
            }
        }
        List<String> unix = Files.readAllLines(Path.of("/proc/self/net/unix"));
        for (String line : unix.subList(1, unix.size())) {
            String[] f = line.trim().split("\\s+");
            known.put(f[6], "unix " + f[5] + " " + (f.length > 7 ? f[7] : "-") + " -");
        }
        List<String> result = new ArrayList<>();
        for (String inode : inodes) {
            result.add(known.getOrDefault(inode, "other ? inode:" + inode + " -"));
        }
        result.sort(null);
        return result;
    }

    private static String state(String kind, String hex) {
        if (kind.startsWith("udp")) {
            return "UDP";
        }
        return switch (hex) {
            case "01" -> "ESTABLISHED";
            case "06" -> "TIME_WAIT";
            case "08" -> "CLOSE_WAIT";
            case "0A" -> "LISTEN";
            default -> "STATE_" + hex;
        };
    }

    /** {@code 0100007F:1F90} (little-endian IPv4) or the 32-hex-digit IPv6 form, as {@code host:port}. */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String h = parts[0];
        if (h.length() == 8) {
            long a = Long.parseLong(h, 16);
            return (a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 24 & 0xff) + ":" + port;
        }
        if (h.equals("0000000000000000FFFF00000100007F")) {
            return "::ffff:127.0.0.1:" + port;
        }
        return "[" + h + "]:" + port;
    }

    // ---- findings across a log rotation ----

    static void findings(int count) throws Exception {
        Files.createDirectories(Path.of("made"));
        for (int i = 0; i < count; i++) {
            Path file = Path.of("made", "f" + i);
            Files.writeString(file, "x");
            chmod(i, file);
            if (i == 4) {
                System.out.println("rotate-now");
                while (!Files.exists(Path.of("rotated"))) {
                    Thread.sleep(10);
                }
            }
            Thread.sleep(100);
        }
    }

    /** One call site per index: each violation is its own log line. */
    static void chmod(int i, Path file) throws IOException {
        String mode = "rw-rw-rw-";
        switch (i % 10) {
            case 0 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 1 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 2 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 3 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 4 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 5 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 6 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 7 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            case 8 -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            default -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        }
    }
}
