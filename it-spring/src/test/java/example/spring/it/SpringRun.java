package example.spring.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the Spring Boot service as a separate JVM, {@code java [-javaagent:audit.jar=...] -jar it-spring.jar}, on
 * a free loopback port, driven through the same requests every time, stopped by SIGTERM; what it answered, logged and
 * exposed is kept for the assertions. (The same approach as the agent module's {@code AgentRun}, not its code.)
 */
final class SpringRun {

    static final Path AGENT_JAR = Path.of(System.getProperty("audit.agent.jar", "../agent/target/audit.jar"))
            .toAbsolutePath().normalize();
    static final Path APP_JAR = Path.of(System.getProperty("it.spring.app.jar", "target/it-spring-0.1.0-SNAPSHOT.jar"))
            .toAbsolutePath().normalize();
    static final int STARTUP_SECONDS = Integer.getInteger("it.spring.startup.seconds", 60);
    static final int ORDERS = 3;
    static final int NOTIFIES = 3;
    static final int CHECKED_NOTIFIES = 2;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path jdk;
    final boolean withAgent;
    final Path dir;
    final List<String> exchanges = new ArrayList<>();
    long startupMillis;
    String appMetrics = "";
    String agentMetrics = "";
    int exitCode;
    String stdout = "";
    String stderr = "";
    List<String> findings = List.of();

    private SpringRun(Path jdk, boolean withAgent, Path dir) {
        this.jdk = jdk;
        this.withAgent = withAgent;
        this.dir = dir;
    }

    /** Starts the service, drives it, stops it with SIGTERM and collects everything; the process never outlives this. */
    static SpringRun run(Path jdk, boolean withAgent) throws IOException, InterruptedException {
        requireJars(withAgent);
        SpringRun run = new SpringRun(jdk, withAgent, Files.createTempDirectory("it-spring"));
        int port = freePort();
        int metricsPort = freePort();
        while (metricsPort == port) {
            metricsPort = freePort();
        }
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        if (withAgent) {
            command.add("-javaagent:" + AGENT_JAR + "=log.file=" + run.findingsFile() + ",metrics.port=" + metricsPort);
        }
        command.addAll(List.of("-jar", APP_JAR.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.dir.toFile())
                .redirectOutput(run.dir.resolve("stdout.txt").toFile())
                .redirectError(run.dir.resolve("stderr.txt").toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            run.awaitHealthy(process, base + "/actuator/health");
            run.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            run.exchange(base + "/actuator/health");
            for (int i = 0; i < ORDERS; i++) {
                run.exchange(base + "/orders");
            }
            for (int i = 0; i < NOTIFIES; i++) {
                run.exchange(base + "/notify");
            }
            for (int i = 0; i < CHECKED_NOTIFIES; i++) {
                run.exchange(base + "/notify-checked");
            }
            run.exchange(base + "/downstream");
            // The dropped responses of /notify are judged when they are garbage-collected: ask for a collection, in
            // both runs alike, and give the agent's judge a moment to see it on its endpoint.
            run.collectGarbage(process);
            if (withAgent) {
                String metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                do {
                    run.agentMetrics = get(metricsUrl).body();
                    if (sample(run.agentMetrics, "audit_violations_total", "http.unchecked-status") >= 1) {
                        break;
                    }
                    Thread.sleep(500);
                    run.collectGarbage(process);
                } while (System.nanoTime() < deadline);
            }
            HttpResponse<String> prometheus = get(base + "/actuator/prometheus");
            if (prometheus.statusCode() != 200) {
                throw new AssertionError("/actuator/prometheus answered " + prometheus.statusCode() + ": " + prometheus.body());
            }
            run.appMetrics = prometheus.body();

            process.destroy(); // SIGTERM, as an orchestrator stops the service
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the service did not stop within 60 s of SIGTERM; " + run.outputs());
            }
            run.exitCode = process.exitValue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            run.stdout = Files.readString(run.dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
            run.stderr = Files.readString(run.dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
            run.findings = Files.exists(run.findingsFile())
                    ? Files.readAllLines(run.findingsFile(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        }
        return run;
    }

    /** Fails with a clear message when the application jar, or the agent jar a run with the agent needs, is missing. */
    static void requireJars(boolean agent) {
        if (!Files.isRegularFile(APP_JAR)) {
            throw new IllegalStateException("The Spring Boot application jar " + APP_JAR + " is missing: run "
                    + "`mvn -f it-spring/pom.xml verify` (package makes it before the integration tests)");
        }
        if (agent && !Files.isRegularFile(AGENT_JAR)) {
            throw new IllegalStateException("The agent jar " + AGENT_JAR + " is missing: build it first with "
                    + "`mvn -q -B -pl agent package -DskipTests` in the repository root, or point -Daudit.agent.jar at one");
        }
    }

    Path findingsFile() {
        return dir.resolve("findings.jsonl");
    }

    String label() {
        return (withAgent ? "with the agent" : "without the agent") + " on " + jdk;
    }

    String outputs() throws IOException {
        return "stdout:\n" + Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8)
                + "\nstderr:\n" + Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    private void awaitHealthy(Process process, String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + process.exitValue() + ") before it was healthy, "
                        + label() + "; " + outputs());
            }
            try {
                HttpResponse<String> health = get(url);
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service was not UP at /actuator/health within " + STARTUP_SECONDS + " s, "
                        + label() + "; " + outputs());
            }
            Thread.sleep(200);
        }
    }

    /** Records "GET path -> status body" with the port cut off, for comparing the two runs. */
    private void exchange(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        exchanges.add("GET " + URI.create(url).getPath() + " -> " + response.statusCode() + " " + response.body().strip());
    }

    private void collectGarbage(Process process) throws IOException, InterruptedException {
        Path jcmd = jdk.resolve("bin/jcmd");
        if (!Files.isExecutable(jcmd)) {
            return; // a JRE: the agent still judges the responses at exit
        }
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The value of the first sample of a metric with this rule label in Prometheus text, NaN if there is none. */
    static double sample(String prometheusText, String metric, String rule) {
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("rule=\"" + rule + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** A string field of a JSON line (the agent's findings are flat objects), unescaped; null when absent. */
    static String field(String jsonLine, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(jsonLine);
        if (!m.find()) {
            return null;
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
