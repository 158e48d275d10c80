package dev.jvmaudit.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvmaudit.dashboards.Dashboard.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard against the real thing: the demo app runs with the agent, a Prometheus of our own scrapes it every
 * second, and every query of audit-overview.json (read from the file, so new panels are covered) must parse and
 * return data. Everything binds 127.0.0.1 and is stopped at the end.
 */
class LiveDashboardIT {

    private static final String JOB = "jvm-audit";
    /** Grafana's own variables, with values that suit a 1 s scrape interval ($__rate_interval is at least 4 scrapes). */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of(
            "__rate_interval", "5s", "__range", "2m", "__interval", "1s");
    /** Scrapes of the long-running demo to wait for, so that every 5 s rate() window holds several samples. */
    private static final int SCRAPES = 8;

    private static final Path REPO = Dashboard.DIR.getParent();
    private static final Path AGENT_JAR = REPO.resolve("agent/target/audit.jar");
    private static final Path DEMO_JAR = REPO.resolve("demo-app/target/demo-app.jar");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+), (\\w+)\\)");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<String, Process> PROCESSES = new LinkedHashMap<>();

    private static Path tmp;
    private static URI prometheus;
    private static String daemonInstance;

    @BeforeAll
    static void startDemoWithAgentAndPrometheus() throws Exception {
        Path prometheusBinary = Tools.require("prometheus");
        requireBuilt(AGENT_JAR, "agent");
        requireBuilt(DEMO_JAR, "demo-app");
        tmp = Files.createTempDirectory("dashboards-it");

        // the gallery: one bad case per rule, then it exits (after ~15 s: a slow shutdown hook, a deadlock wait)
        int galleryPort = freePort();
        start("gallery", demoWithAgent(galleryPort, "gallery.jsonl", "--scenario", "all"));
        // the faithful monitor daemon under load, which keeps running (and being scraped) until we stop it
        int daemonPort = freePort();
        daemonInstance = "127.0.0.1:" + daemonPort;
        start("daemon", demoWithAgent(daemonPort, "daemon.jsonl",
                "--mode", "faithful", "--events-per-second", "5", "--duration", "120s"));

        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + Dashboard.DIR.resolve("alerts.yml"),
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + galleryPort + "', '" + daemonInstance + "']",
                ""));
        int prometheusPort = freePort();
        prometheus = URI.create("http://127.0.0.1:" + prometheusPort);
        start("prometheus", List.of(prometheusBinary.toString(),
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--storage.tsdb.path=" + tmp.resolve("tsdb")));

        awaitScrapesOfTheDaemon();
    }

    @AfterAll
    static void stopAll() throws Exception {
        List<Process> running = new ArrayList<>(PROCESSES.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            Process process = running.get(i);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (tmp != null) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void everyPanelQueryParsesAndReturnsData() throws Exception {
        JsonNode dashboard = Dashboard.load();
        Map<String, String> values = new HashMap<>(GRAFANA_VARIABLES);
        values.put("job", JOB);
        values.put("instance", Dashboard.variable(dashboard, "instance").path("allValue").asText());

        List<String> problems = new ArrayList<>();
        for (Target target : Dashboard.targets(dashboard)) {
            String query = Dashboard.substitute(target.expr(), values);
            JsonNode answer = get("/api/v1/query?query=" + encode(query));
            if (!answer.path("status").asText().equals("success")) {
                problems.add(target + ": " + answer.path("error").asText() + "\n    " + query);
            } else if (answer.path("data").path("result").isEmpty()) {
                problems.add(target + ": no data\n    " + query);
            }
        }
        assertEquals(List.of(), problems, LiveDashboardIT::logs);
    }

    @Test
    void jobAndInstanceVariablesListTheDemo() throws Exception {
        JsonNode dashboard = Dashboard.load();
        Map<String, String> expected = Map.of("job", JOB, "instance", daemonInstance);
        for (String name : expected.keySet()) {
            Matcher query = LABEL_VALUES.matcher(Dashboard.variable(dashboard, name).path("query").asText());
            assertTrue(query.matches(), name + " is a label_values() query");
            String selector = Dashboard.substitute(query.group(1), Map.of("job", JOB));
            JsonNode answer = get("/api/v1/label/" + query.group(2) + "/values?match[]=" + encode(selector));
            List<String> found = new ArrayList<>();
            answer.path("data").forEach(v -> found.add(v.asText()));
            assertTrue(found.contains(expected.get(name)), name + " lists " + found + logs());
        }
    }

    @Test
    void ruleTableAnchorsAreTheReadmeHeadingsOfTheAgentsRules() throws Exception {
        Target table = Dashboard.targets(Dashboard.load()).stream()
                .filter(t -> t.panel().path("title").asText().equals("Findings by rule and severity"))
                .findFirst().orElseThrow();
        Map<String, String> values = new HashMap<>(GRAFANA_VARIABLES);
        values.putAll(Map.of("job", JOB, "instance", daemonInstance));
        JsonNode result = get("/api/v1/query?query=" + encode(Dashboard.substitute(table.expr(), values)))
                .path("data").path("result");
        assertTrue(result.size() > 0, "the agent exports a counter per rule" + logs());
        for (JsonNode series : result) {
            String rule = series.path("metric").path("rule").asText();
            assertEquals(DashboardLintTest.githubAnchor(rule), series.path("metric").path("anchor").asText(), rule);
        }
    }

    @Test
    void alertingRulesEvaluateOnTheAgentsMetrics() throws Exception {
        List<String> unhealthy = new ArrayList<>();
        int rules = 0;
        for (JsonNode group : get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules++;
                if (!rule.path("health").asText().equals("ok")) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
            }
        }
        assertTrue(rules > 0, "Prometheus loaded alerts.yml");
        assertEquals(List.of(), unhealthy);
    }

    private static void requireBuilt(Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build the " + module + " module first (mvn -q -pl agent,demo-app package from the"
                    + " repository root, or the whole build, which packages them before this module's integration tests)");
        }
    }

    private static List<String> demoWithAgent(int metricsPort, String logFile, String... demoArguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT_JAR + "=metrics.port=" + metricsPort + ",log.file=" + tmp.resolve(logFile),
                "-jar", DEMO_JAR.toString()));
        command.addAll(List.of(demoArguments));
        return command;
    }

    private static void start(String name, List<String> command) throws IOException {
        Path log = tmp.resolve(name + ".out");
        PROCESSES.put(name, new ProcessBuilder(command).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private static void awaitScrapesOfTheDaemon() throws Exception {
        String query = "count_over_time(audit_agent_info{job=\"" + JOB + "\", instance=\"" + daemonInstance + "\"}[1m])";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String name : List.of("daemon", "prometheus")) {
                if (!PROCESSES.get(name).isAlive()) {
                    fail(name + " exited early" + logs());
                }
            }
            try {
                JsonNode result = get("/api/v1/query?query=" + encode(query)).path("data").path("result");
                if (result.size() == 1 && result.get(0).path("value").get(1).asInt() >= SCRAPES) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Prometheus is still starting
            }
            Thread.sleep(500);
        }
        fail("Prometheus did not scrape " + SCRAPES + " times the agent at " + daemonInstance + " within 60 s" + logs());
    }

    private static JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(prometheus.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The last lines each process printed, for failure messages. */
    private static String logs() {
        StringBuilder logs = new StringBuilder();
        for (Map.Entry<String, Process> process : PROCESSES.entrySet()) {
            Path out = tmp.resolve(process.getKey() + ".out");
            logs.append("\n--- ").append(process.getKey())
                    .append(process.getValue().isAlive() ? " (running)" : " (exited " + process.getValue().exitValue() + ")")
                    .append(", last lines of ").append(out).append(":\n");
            try {
                List<String> lines = Files.readAllLines(out);
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> logs.append(l).append('\n'));
            } catch (IOException e) {
                logs.append(e).append('\n');
            }
        }
        return logs.toString();
    }
}
