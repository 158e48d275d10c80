package example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load without loss (issue 10, item 2): many threads commit a known number of violations, at a known set of call
 * sites, while the agent watches; the program counts what it committed and prints it, so the test can compare with
 * the agent's metric, log lines and exit summary.
 *
 * <p>Arguments: {@code fileThreads cyclesPerThread httpThreads requestsPerThread seconds}. Work stops at the end of
 * its cycles or after {@code seconds}, whichever comes first; the counts printed are of what was really done.
 *
 * <ul>
 *   <li>File threads: each cycle creates, writes, closes and deletes one file in {@code ./files} (0700). Every 10th
 *       cycle creates {@code *.key} with the default umask (world-readable and sensitive: {@code file.permissive}),
 *       through one of four call sites ({@link #keyStream}, {@link #keyNewOutputStream}, {@link #keyWrite},
 *       {@link #keyRandomAccess}); the others create a {@code *.key} 0600 or a non-sensitive {@code *.dat}.</li>
 *   <li>HTTP threads: loopback requests to an in-process {@code HttpServer}, alternately through java.net.http and
 *       HttpURLConnection, all with timeouts. Every 10th request is a java.net.http one whose status is never read
 *       ({@code http.unchecked-status}), sent at one of two call sites ({@link #uncheckedSend},
 *       {@link #uncheckedSendAsync}).</li>
 *   <li>A churn thread starts short-lived threads until the others are done; every 25th ends by an uncaught
 *       exception with no handler anywhere ({@code thread.uncaught-death}, one call site: {@link #startDying}).</li>
 * </ul>
 *
 * <p>Protocol on stdout/stdin, so the test can look at the JVM between phases: {@code ready} (after a warm-up that
 * commits nothing; waits for a line), {@code load-running}, {@code committed ...}, {@code loaded} (after the load,
 * references dropped and GC run; then answers {@code gc} with {@code gc-done} until it reads {@code settle}),
 * {@code settled} (after one more harmless action of each kind, which lets the agent's tables expunge what the
 * collector cleared; waits for a line), {@code done}.
 */
public final class Stress {

    static final int KEY_SHARE = 10;
    static final int UNCHECKED_SHARE = 10;
    static final int DYING_SHARE = 25;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] CONTENT = "0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
    static final EnumSet<StandardOpenOption> NEW_FILE = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    static final java.nio.file.attribute.FileAttribute<?> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    static final AtomicLong permissive = new AtomicLong();
    static final AtomicLong unchecked = new AtomicLong();
    static final AtomicLong dying = new AtomicLong();
    static final AtomicLong fileCycles = new AtomicLong();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong churned = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();
    static final AtomicBoolean umaskExposes = new AtomicBoolean();

    static Path dir;
    static String base;
    static HttpClient client;
    static volatile long deadline;

    public static void main(String[] args) throws Exception {
        int fileThreads = Integer.parseInt(args[0]);
        int cycles = Integer.parseInt(args[1]);
        int httpThreads = Integer.parseInt(args[2]);
        int perThread = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        dir = Files.createDirectories(Path.of("files").toAbsolutePath());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        ExecutorService serverPool = Executors.newFixedThreadPool(4);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", Stress::handle);
        server.setExecutor(serverPool);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        client = newClient();

        harmlessRound("warm");
        Thread.sleep(1500); // the agent sets up its log and registry a second after start: the baseline comes after
        System.out.println("ready");
        in.readLine();

        long started = System.nanoTime();
        deadline = started + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < fileThreads; t++) {
            int id = t;
            workers.add(new Thread(() -> fileWork(id, cycles), "files-" + t));
        }
        for (int t = 0; t < httpThreads; t++) {
            int id = t;
            workers.add(new Thread(() -> httpWork(id, perThread), "http-" + t));
        }
        AtomicBoolean working = new AtomicBoolean(true);
        Thread churn = new Thread(() -> churn(working), "churn");
        for (Thread w : workers) {
            w.start();
        }
        churn.start();
        System.out.println("load-running");
        for (Thread w : workers) {
            w.join();
        }
        working.set(false);
        churn.join();
        double took = (System.nanoTime() - started) / 1e9;
        int workerCount = workers.size();
        workers.clear();

        System.out.println("committed file.permissive=" + permissive + " http.unchecked-status=" + unchecked
                + " thread.uncaught-death=" + dying);
        System.out.printf("work fileCycles=%d requests=%d threads=%d errors=%d seconds=%.1f timedOut=%b umaskExposes=%b%n",
                fileCycles.get(), requests.get(), churned.get() + workerCount + 1, errors.get(), took,
                System.nanoTime() > deadline, umaskExposes.get());
        // the JDK's client keeps the last response of each pooled connection reachable: a fresh client lets them go
        client = newClient();
        collect();
        System.out.println("loaded");
        String line;
        while ((line = in.readLine()) != null && line.equals("gc")) {
            collect();
            System.out.println("gc-done");
        }
        harmlessRound("settle");
        collect();
        System.out.println("settled");
        in.readLine();
        server.stop(0);
        serverPool.shutdown();
        System.out.println("done");
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    static void collect() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    /** One of each action the load does, none of them a violation. */
    static void harmlessRound(String name) throws Exception {
        privateKey(dir.resolve(name + ".key"));
        plainData(dir.resolve(name + ".dat"));
        checkedSend();
        urlConnection();
        Thread t = new Thread(() -> { }, "harmless-" + name);
        t.start();
        t.join();
    }

    // ---- files ----------------------------------------------------------------------------------------------

    static void fileWork(int thread, int cycles) {
        for (int i = 0; i < cycles && System.nanoTime() < deadline; i++) {
            try {
                if (i % KEY_SHARE == 0) {
                    Path key = dir.resolve(thread + "-" + i + ".key");
                    switch ((i / KEY_SHARE + thread) % 4) {
                        case 0 -> keyStream(key);
                        case 1 -> keyNewOutputStream(key);
                        case 2 -> keyWrite(key);
                        default -> keyRandomAccess(key);
                    }
                    if (Files.getPosixFilePermissions(key).contains(PosixFilePermission.OTHERS_READ)) {
                        permissive.incrementAndGet();
                        umaskExposes.set(true);
                    }
                    Files.delete(key);
                } else if (i % 2 == 0) {
                    Path key = dir.resolve(thread + "-" + i + ".key");
                    privateKey(key);
                    Files.delete(key);
                } else {
                    Path data = dir.resolve(thread + "-" + i + ".dat");
                    plainData(data);
                    Files.delete(data);
                }
                fileCycles.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                System.out.println("error " + e);
            }
        }
    }

    static void keyStream(Path key) throws IOException {
        try (FileOutputStream out = new FileOutputStream(key.toFile())) {
            out.write(CONTENT);
        }
    }

    static void keyNewOutputStream(Path key) throws IOException {
        try (OutputStream out = Files.newOutputStream(key)) {
            out.write(CONTENT);
        }
    }

    static void keyWrite(Path key) throws IOException {
        Files.write(key, CONTENT);
    }

    static void keyRandomAccess(Path key) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(key.toFile(), "rw")) {
            file.write(CONTENT);
        }
    }

    static void privateKey(Path key) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(key, NEW_FILE, PRIVATE)) {
            channel.write(ByteBuffer.wrap(CONTENT));
        }
    }

    static void plainData(Path data) throws IOException {
        try (FileOutputStream out = new FileOutputStream(data.toFile())) {
            out.write(CONTENT);
        }
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    static void httpWork(int thread, int count) {
        for (int j = 0; j < count && System.nanoTime() < deadline; j++) {
            try {
                if (j % UNCHECKED_SHARE == 0) {
                    if ((j / UNCHECKED_SHARE + thread) % 2 == 0) {
                        uncheckedSend();
                    } else {
                        uncheckedSendAsync();
                    }
                    unchecked.incrementAndGet();
                } else if (j % 2 == 0) {
                    checkedSend();
                } else {
                    urlConnection();
                }
                requests.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                System.out.println("error " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build();
    }

    /** The body is used, the status never read. */
    static void uncheckedSend() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(get("/fail"), HttpResponse.BodyHandlers.ofString());
        use(response.body());
    }

    static void uncheckedSendAsync() {
        HttpResponse<String> response = client.sendAsync(get("/fail"), HttpResponse.BodyHandlers.ofString()).join();
        use(response.body());
    }

    static void checkedSend() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(get("/ok"), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        use(response.body());
    }

    static void urlConnection() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base + "/ok").openConnection();
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        if (connection.getResponseCode() != 200) {
            throw new IOException("status " + connection.getResponseCode());
        }
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
    }

    static void use(String body) {
        if (body == null || body.isEmpty()) {
            throw new IllegalStateException("no body");
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        boolean fail = exchange.getRequestURI().getPath().equals("/fail");
        byte[] body = (fail ? "boom" : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // ---- threads --------------------------------------------------------------------------------------------

    /** Starts short-lived threads, a few at a time, until the load is done. */
    static void churn(AtomicBoolean working) {
        List<Thread> inFlight = new ArrayList<>();
        long n = 0;
        while (working.get()) {
            n++;
            Thread t = n % DYING_SHARE == 0 ? startDying(n) : startHarmless(n);
            churned.incrementAndGet();
            inFlight.add(t);
            if (inFlight.size() >= 8) {
                for (Thread f : inFlight) {
                    try {
                        f.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                inFlight.clear();
            }
        }
        for (Thread f : inFlight) {
            try {
                f.join();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static Thread startHarmless(long n) {
        Thread t = new Thread(() -> Thread.onSpinWait(), "churn-" + n);
        t.start();
        return t;
    }

    static Thread startDying(long n) {
        Thread t = new Thread(() -> {
            throw new Expected("churn thread " + n + " fails on purpose");
        }, "churn-" + n);
        t.start();
        dying.incrementAndGet();
        return t;
    }

    /** One line on stderr per death (no stack trace), from the JVM's default reporting. */
    static final class Expected extends RuntimeException {
        Expected(String message) {
            super(message, null, false, false);
        }
    }
}
