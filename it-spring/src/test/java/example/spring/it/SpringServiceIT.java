package example.spring.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spring Boot service (Tomcat, actuator, Prometheus registry, its own logback.xml and meters) run once without
 * and once with {@code -javaagent:audit.jar}, on each JDK: it behaves, logs and measures exactly the same, the agent's
 * logback and Micrometer never meet the application's, the agent reports the application's real bug (a 503 taken for
 * a success) and nothing about Spring's, Tomcat's or logback's own work.
 */
class SpringServiceIT {

    /** Call sites in these packages are the framework's own doing, never the application's: no finding may name them. */
    private static final List<String> FRAMEWORK_PACKAGES = List.of(
            "org.springframework.", "org.apache.catalina.", "org.apache.tomcat.", "ch.qos.logback.");
    private static final Pattern SUMMARY = Pattern.compile("audit: \\d+ findings? \\(.*\\); details in .*");
    private static final Pattern TOMCAT_LOGGERS = Pattern.compile("SPRING-APP \\w+ (Http\\d*Nio\\d*Protocol|Standard\\w+) - ");
    private static final Path REPORT = Path.of("target/it-spring-report.txt");

    private static final Map<Path, SpringRun[]> RUNS = new LinkedHashMap<>();
    /** A JDK whose runs failed is not started again by every test method: each one fails with the same cause. */
    private static final Map<Path, RuntimeException> FAILED = new LinkedHashMap<>();

    static List<Path> jdks() {
        String configured = System.getProperty("audit.test.jdks", "");
        List<Path> homes = new ArrayList<>();
        if (!configured.isBlank()) {
            for (String home : configured.split(",")) {
                homes.add(Path.of(home.trim()));
            }
            return homes;
        }
        homes.add(Path.of(System.getProperty("java.home")));
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(temurin25.resolve("bin/java")) && !homes.get(0).startsWith(temurin25)) {
            homes.add(temurin25);
        }
        return homes;
    }

    /** The two runs on this JDK, made once and shared by the assertions below: [without the agent, with it]. */
    private static synchronized SpringRun[] runs(Path jdk) throws IOException, InterruptedException {
        SpringRun.requireJars(true);
        if (FAILED.containsKey(jdk)) {
            throw new IllegalStateException("the runs on " + jdk + " failed", FAILED.get(jdk));
        }
        SpringRun[] runs = RUNS.get(jdk);
        if (runs == null) {
            SpringRun plain;
            SpringRun audited;
            try {
                plain = SpringRun.run(jdk, false);
                audited = SpringRun.run(jdk, true);
            } catch (IOException | RuntimeException | AssertionError e) {
                FAILED.put(jdk, new IllegalStateException(e.getMessage(), e));
                throw e;
            }
            runs = new SpringRun[] {plain, audited};
            RUNS.put(jdk, runs);
            String report = "JDK " + jdk + "\n"
                    + "  startup to /actuator/health UP: " + plain.startupMillis + " ms without the agent, "
                    + audited.startupMillis + " ms with it\n"
                    + "  exit codes after SIGTERM: " + plain.exitCode + " without, " + audited.exitCode + " with\n"
                    + "  agent findings (" + audited.findings.size() + "):\n"
                    + audited.findings.stream().map(f -> "    " + f + "\n").collect(Collectors.joining())
                    + "  agent stderr:\n" + indent(audited.stderr) + "\n";
            System.out.print(report);
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return runs;
    }

    @BeforeAll
    static void freshReport() throws IOException {
        Files.deleteIfExists(REPORT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void answersIdenticallyWithAndWithoutTheAgent(Path jdk) throws Exception {
        SpringRun[] runs = runs(jdk);
        SpringRun plain = runs[0];
        SpringRun audited = runs[1];
        assertEquals(List.of(
                "GET /orders -> 200 order 1 placed",
                "GET /orders -> 200 order 2 placed",
                "GET /orders -> 200 order 3 placed",
                "GET /notify -> 200 notified",
                "GET /notify -> 200 notified",
                "GET /notify -> 200 notified",
                "GET /notify-checked -> 502 downstream failed: 503",
                "GET /notify-checked -> 502 downstream failed: 503",
                "GET /downstream -> 503 downstream unavailable"),
                plain.exchanges.subList(1, plain.exchanges.size()), "what the service answered without the agent");
        assertTrue(plain.exchanges.get(0).startsWith("GET /actuator/health -> 200 "), plain.exchanges.get(0));
        assertEquals(plain.exchanges, audited.exchanges, "the service answers the same with the agent");
        assertEquals(plain.exitCode, audited.exitCode, "exit code after SIGTERM, without vs with the agent");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exposesItsOwnMetricsAndNoneOfTheAgents(Path jdk) throws Exception {
        for (SpringRun run : runs(jdk)) {
            List<String> orders = lines(run.appMetrics).stream().filter(l -> l.startsWith("orders_placed_total")).toList();
            assertEquals(1, orders.size(), "one orders_placed_total sample " + run.label() + ":\n" + run.appMetrics);
            assertEquals(SpringRun.ORDERS, Double.parseDouble(orders.get(0).substring(orders.get(0).lastIndexOf(' ') + 1)),
                    "orders_placed_total " + run.label());
            List<String> audit = lines(run.appMetrics).stream().filter(l -> l.contains("audit_")).toList();
            assertEquals(List.of(), audit, "the application's /actuator/prometheus shows the agent's metrics " + run.label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void logsWithItsOwnConfigurationAndNothingOfTheAgents(Path jdk) throws Exception {
        SpringRun plain = runs(jdk)[0];
        SpringRun audited = runs(jdk)[1];
        for (SpringRun run : List.of(plain, audited)) {
            List<String> foreign = lines(run.stdout).stream().filter(l -> !l.startsWith("SPRING-APP ")).toList();
            assertEquals(List.of(), foreign, "stdout lines not in the application's own pattern " + run.label());
            assertTrue(run.stdout.contains("SPRING-APP INFO OrdersController - order 3 placed"), run.label() + ":\n" + run.stdout);
        }
        assertEquals(normalizedLines(plain), normalizedLines(audited),
                "the application's log lines (numbers and the work directory blanked), without vs with the agent");

        // stderr: the agent may add its exit summary and nothing else.
        List<String> added = new ArrayList<>(lines(audited.stderr));
        added.removeAll(lines(plain.stderr));
        List<String> notSummary = added.stream().filter(l -> !SUMMARY.matcher(l).matches()).toList();
        assertEquals(List.of(), notSummary, "stderr lines the agent added besides its exit summary, on " + jdk);
        assertTrue(added.size() <= 1, "more than one summary line: " + added);
        if (!audited.findings.isEmpty()) {
            assertEquals(1, added.size(), "the agent found something but printed no summary on stderr; stderr:\n" + audited.stderr);
            assertTrue(added.get(0).endsWith("details in " + audited.findingsFile()), added.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void reportsTheUncheckedStatusAtTheControllersCallSite(Path jdk) throws Exception {
        SpringRun audited = runs(jdk)[1];
        double violations = SpringRun.sample(audited.agentMetrics, "audit_violations_total", "http.unchecked-status");
        assertTrue(violations >= 1, "audit_violations_total{rule=\"http.unchecked-status\"} on the agent's endpoint was "
                + violations + " after " + SpringRun.NOTIFIES + " unchecked 503s and a GC; the agent's samples:\n"
                + lines(audited.agentMetrics).stream().filter(l -> l.startsWith("audit_violations_total"))
                        .collect(Collectors.joining("\n")));
        List<String> unchecked = audited.findings.stream()
                .filter(f -> "http.unchecked-status".equals(SpringRun.field(f, "rule"))).toList();
        assertFalse(unchecked.isEmpty(), "no http.unchecked-status finding in " + audited.findingsFile() + ":\n"
                + String.join("\n", audited.findings));
        for (String finding : unchecked) {
            String callsite = SpringRun.field(finding, "callsite");
            assertTrue(callsite != null && callsite.startsWith("example.spring.OrdersController.notifyDownstream("),
                    "the unchecked status is the controller's /notify, not " + finding);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void findsNothingInTheEndpointThatDoesItRight(Path jdk) throws Exception {
        List<String> checked = runs(jdk)[1].findings.stream()
                .filter(f -> String.valueOf(SpringRun.field(f, "callsite")).startsWith("example.spring.OrdersController.notifyDownstreamChecked("))
                .toList();
        assertEquals(List.of(), checked, "findings about /notify-checked, which checks the status and sets timeouts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void findsNothingAboutSpringTomcatOrLogbackInternals(Path jdk) throws Exception {
        List<String> framework = runs(jdk)[1].findings.stream()
                .filter(f -> {
                    String callsite = SpringRun.field(f, "callsite");
                    return callsite != null && FRAMEWORK_PACKAGES.stream().anyMatch(callsite::startsWith);
                })
                .toList();
        assertEquals(List.of(), framework, "findings whose call site is the framework's own code (false positives of"
                + " the agent), on " + jdk + ":\n" + String.join("\n", framework));
    }

    /**
     * The application's lines, numbers and work directory blanked, without what Tomcat logs after SIGTERM: Tomcat logs
     * through java.util.logging, whose LogManager resets (and so drops the bridge to logback) in a shutdown hook of its
     * own that races Spring's, so "Pausing ProtocolHandler" comes or goes from one run to the next, agent or not.
     */
    private static Set<String> normalizedLines(SpringRun run) {
        String dir = run.dir.toString();
        Set<String> normalized = new TreeSet<>();
        boolean stopping = false;
        for (String line : lines(run.stdout)) {
            stopping |= line.contains("GracefulShutdown - Commencing graceful shutdown");
            if (!(stopping && TOMCAT_LOGGERS.matcher(line).lookingAt())) {
                normalized.add(line.replace(dir, "<dir>").replaceAll("\\d+", "#"));
            }
        }
        return normalized;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    private static String indent(String text) {
        return lines(text).stream().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }
}
