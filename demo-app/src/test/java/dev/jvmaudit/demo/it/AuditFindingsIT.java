package dev.jvmaudit.demo.it;

import dev.jvmaudit.demo.gallery.Gallery;
import dev.jvmaudit.demo.gallery.Scenario;
import dev.jvmaudit.demo.it.Jdks.Jdk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo under the real agent ({@code agent/target/audit.jar}), one JVM per case, on every JDK of
 * {@code audit.test.jdks}: the faithful monitor shows the review's weaknesses as findings in the demo's own code,
 * the hardened one shows none, and every gallery scenario shows its rule while its twin shows nothing.
 */
class AuditFindingsIT {

    private static final String EXIT_IN_HOOK = "shutdown.exit-in-hook";
    private static final Duration STARTED = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(60);
    // short enough that the slow-hook and deadlock cases take seconds, not the defaults' tens of seconds
    private static final List<String> GALLERY_AGENT_OPTIONS =
            List.of("shutdown.budget=1s", "thread.deadlock.interval=1s");
    private static final String[] GALLERY_TIMINGS = {"--hook-sleep", "3s", "--deadlock-wait", "2s"};

    @BeforeAll
    static void theAgentIsBuilt() {
        if (!Files.isRegularFile(DemoProcess.AGENT_JAR)) {
            fail(DemoProcess.AGENT_JAR + " is missing: these tests run the demo under the agent; build it first"
                    + " (cd <repo> && mvn -q -pl agent package)");
        }
    }

    static List<Jdk> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void faithfulWithAFailingL3AgentShowsTheReviewsWeaknesses(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.withAgent(jdk, dir, List.of(), "--mode", "faithful",
                "--conf-dir", conf(dir), "--l3-agent", "fail", "--flaps", "3", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            demo.sigterm();
            demo.awaitExit(EXIT);
            assertFoundInDemoCode(demo, "http.no-timeout", "file.permissive", "thread.uncaught-death",
                    "thread.abandoned-at-exit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void faithfulWithAHungL3AgentLeavesTheReaderBehind(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.withAgent(jdk, dir, List.of(), "--mode", "faithful",
                "--conf-dir", conf(dir), "--l3-agent", "hang", "--flaps", "2", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            demo.sigterm();
            demo.awaitExit(EXIT);
            assertFoundInDemoCode(demo, "http.no-timeout", "file.permissive", "thread.abandoned-at-exit");
        }
    }

    @ParameterizedTest(name = "{0} l3-agent {1}")
    @MethodSource("jdksTimesAnswers")
    void hardenedHasNoFindingAtAll(Jdk jdk, String answer, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.withAgent(jdk, dir, List.of(), "--mode", "hardened",
                "--conf-dir", conf(dir), "--l3-agent", answer, "--flaps", "3", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            demo.sigterm();
            demo.awaitExit(EXIT);
            assertEquals(List.of(), demo.findings(), demo.describe());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksTimesRules")
    void eachBadScenarioShowsItsRuleAndOnlyIt(Jdk jdk, String rule, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = gallery(jdk, dir, rule, false)) {
            if (rule.equals(EXIT_IN_HOOK)) {
                // the JVM hangs by design: the finding is flushed before the hang, then the test kills it
                demo.awaitFinding(rule, EXIT);
            } else {
                demo.awaitExit(EXIT);
            }
            assertEquals(Set.of(rule), rules(demo), demo.describe());
            assertFoundInDemoCode(demo, rule);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksTimesRules")
    void eachTwinShowsNothing(Jdk jdk, String rule, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = gallery(jdk, dir, rule, true)) {
            demo.awaitExit(EXIT);
            assertEquals(List.of(), demo.findings(), demo.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theWholeGalleryShowsEveryRuleButTheOneThatHangs(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = gallery(jdk, dir, "all", false)) {
            demo.awaitExit(EXIT);
            Set<String> expected = Gallery.SCENARIOS.stream().map(Scenario::rule)
                    .filter(rule -> !rule.equals(EXIT_IN_HOOK)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, rules(demo), demo.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theWholeTwinGalleryShowsNothing(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = gallery(jdk, dir, "all", true)) {
            demo.awaitExit(EXIT);
            assertEquals(List.of(), demo.findings(), demo.describe());
        }
    }

    static List<Object[]> jdksTimesAnswers() {
        return Jdks.all().stream()
                .flatMap(jdk -> List.of("ok", "fail", "hang").stream().map(answer -> new Object[] {jdk, answer}))
                .toList();
    }

    static List<Object[]> jdksTimesRules() {
        return Jdks.all().stream()
                .flatMap(jdk -> Gallery.SCENARIOS.stream().map(s -> new Object[] {jdk, s.rule()}))
                .toList();
    }

    private static DemoProcess gallery(Jdk jdk, Path dir, String scenario, boolean twin) throws Exception {
        List<String> args = new ArrayList<>(List.of("--scenario", scenario, "--work-dir",
                dir.resolve("work").toString()));
        args.addAll(List.of(GALLERY_TIMINGS));
        if (twin) {
            args.add("--twin");
        }
        return DemoProcess.withAgent(jdk, dir, GALLERY_AGENT_OPTIONS, args.toArray(String[]::new));
    }

    private static String conf(Path dir) {
        return dir.resolve("conf").toString();
    }

    private static Set<String> rules(DemoProcess demo) throws Exception {
        return demo.findings().stream().map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each rule was found at least once with its call site in one of the demo's classes. */
    private static void assertFoundInDemoCode(DemoProcess demo, String... rules) throws Exception {
        List<Finding> findings = demo.findings();
        List<String> missing = new ArrayList<>();
        for (String rule : rules) {
            if (findings.stream().noneMatch(f -> rule.equals(f.rule()) && f.inDemoCode())) {
                missing.add(rule);
            }
        }
        assertEquals(List.of(), missing, "rules with no finding whose call site is in dev.jvmaudit.demo\n"
                + demo.describe());
    }
}
