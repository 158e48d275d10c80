package dev.jvmaudit.demo.it;

import dev.jvmaudit.demo.it.Jdks.Jdk;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviours the agent is expected to report, observed without the agent: they show that the demo really
 * does what the findings will say (and that the hardened mode really does not).
 */
class DemoWithoutAgentIT {

    private static final Duration STARTED = Duration.ofSeconds(30);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final int SIGTERM_STATUS = 143;
    // a non-daemon thread in a thread dump: no "daemon" after the number (newer JDKs print the OS id between)
    private static final Pattern UNNAMED_NON_DAEMON =
            Pattern.compile("^\"(Thread-\\d+)\" #\\d+ (?:\\[\\d+\\] )?+(?!daemon)", Pattern.MULTILINE);

    static List<Jdk> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void faithfulWithAFailingAgentKillsTheReaderWritesRwRwRwAndLeavesThreadsAtSigterm(Jdk jdk, @TempDir Path dir)
            throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "faithful", "--l3-agent", "fail",
                "--conf-dir", conf.toString(), "--flaps", "3", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            assertEquals("rw-rw-rw-", mode(conf.resolve("state")), demo.describe());
            assertTrue(demo.stderr().contains("java.lang.IllegalStateException: Unexpected response: 500"),
                    demo.describe());
            assertTrue(demo.stdout().contains("3 VIP changes sent, 0 handled"), demo.describe());
            List<String> running = unnamedNonDaemonThreads(demo.threadDump(jdk));
            assertTrue(running.size() >= 2, "the IP monitor and its reader should be running: " + running);

            long sigterm = System.nanoTime();
            demo.sigterm();
            assertEquals(SIGTERM_STATUS, demo.awaitExit(EXIT), demo.describe());
            // the IP monitor logs when it has stopped (at least 5 s after the stop flag): the JVM ended before
            assertFalse(demo.stdout().contains("ip monitor stopped"), demo.describe());
            assertTrue(System.nanoTime() - sigterm < 4_000_000_000L, "the hook waited for the other threads");
            assertTrue(demo.stdout().contains("SIGTERM handled: the queue reader is stopped"), demo.describe());
            assertTrue(Files.exists(conf.resolve("keepalived-state-change.pid")), "the pid file is left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void faithfulWithAHungAgentHangsTheReaderAndSigtermWaitsFiveSeconds(Jdk jdk, @TempDir Path dir)
            throws Exception {
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "faithful", "--l3-agent", "hang",
                "--conf-dir", dir.resolve("conf").toString(),
                "--flaps", "2", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            long sigterm = System.nanoTime();
            demo.sigterm();
            assertEquals(SIGTERM_STATUS, demo.awaitExit(EXIT), demo.describe());
            long waited = (System.nanoTime() - sigterm) / 1_000_000;
            assertTrue(waited >= 4_900, "the hook should join the hung reader for 5 s, waited " + waited + " ms");
            assertTrue(demo.stdout().contains("SIGTERM handled: the queue reader is still running"), demo.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void faithfulWithAHealthyAgentHandlesEveryChange(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "faithful", "--flaps", "4",
                "--conf-dir", dir.resolve("conf").toString(),
                "--interval", "50ms", "--exit-after")) {
            assertEquals(0, demo.awaitExit(EXIT), demo.describe());
            assertTrue(demo.stdout().contains("4 VIP changes sent, 4 handled"), demo.describe());
            assertTrue(demo.stdout().contains("notified the L3 agent: router demo-router-1 is primary"),
                    demo.describe());
        }
    }

    @ParameterizedTest(name = "{0} l3-agent {1}")
    @MethodSource("jdksTimesAnswers")
    void hardenedStopsEverythingOnSigtermWhateverTheAgentAnswers(Jdk jdk, String answer, @TempDir Path dir)
            throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "hardened", "--l3-agent", answer,
                "--conf-dir", conf.toString(), "--flaps", "3", "--interval", "100ms")) {
            demo.awaitOutput("script played:", STARTED);
            assertEquals("rw-------", mode(conf.resolve("state")), demo.describe());
            demo.sigterm();
            assertEquals(SIGTERM_STATUS, demo.awaitExit(EXIT), demo.describe());
            assertTrue(demo.stdout().contains("SIGTERM handled: every monitor thread stopped, pid file released"),
                    demo.describe());
            assertFalse(demo.stderr().contains("did not stop"), demo.describe());
            assertFalse(demo.stderr().contains("Exception in thread"), demo.describe());
            try (var files = Files.list(conf)) {
                assertEquals(List.of(conf.resolve("state")), files.toList(), "only the state file is left");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void loadReportsTheRateAndExitAfterEndsTheRun(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "hardened", "--events-per-second", "50",
                "--conf-dir", dir.resolve("conf").toString(),
                "--duration", "2s", "--exit-after")) {
            assertEquals(0, demo.awaitExit(EXIT), demo.describe());
            assertTrue(demo.stdout().contains("100 VIP changes sent, 100 handled"), demo.describe());
            Matcher rate = Pattern.compile("load: ([0-9.]+) events handled per second").matcher(demo.stdout());
            assertTrue(rate.find(), demo.describe());
            double perSecond = Double.parseDouble(rate.group(1));
            assertTrue(perSecond > 40 && perSecond < 60, "rate " + perSecond);
            assertFalse(demo.stdout().contains("wrote router"), "per-change lines are silenced under load");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aWarmUpIsLeftOutOfTheRateAndTheWholeRunShownBeside(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--mode", "hardened", "--events-per-second", "50",
                "--conf-dir", dir.resolve("conf").toString(),
                "--duration", "2s", "--warm-up", "1s", "--exit-after")) {
            assertEquals(0, demo.awaitExit(EXIT), demo.describe());
            Matcher rate = Pattern.compile("load: ([0-9.]+) events handled per second after a 1000 ms warm-up "
                    + "\\(([0-9.]+) over the whole run\\)").matcher(demo.stdout());
            assertTrue(rate.find(), demo.describe());
            double afterWarmUp = Double.parseDouble(rate.group(1));
            double wholeRun = Double.parseDouble(rate.group(2));
            assertTrue(afterWarmUp > 40 && afterWarmUp < 60, "rate after the warm-up " + afterWarmUp);
            assertTrue(wholeRun > 40 && wholeRun < 60, "rate over the whole run " + wholeRun);
        }
    }

    @ParameterizedTest(name = "{0} twin={1}")
    @MethodSource("jdksTimesTwin")
    void theWholeGalleryRunsAndExits(Jdk jdk, boolean twin, @TempDir Path dir) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--scenario", "all", "--hook-sleep", "1s",
                "--deadlock-wait", "1s", "--work-dir", dir.resolve("work").toString()));
        if (twin) {
            args.add("--twin");
        }
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, args.toArray(String[]::new))) {
            assertEquals(0, demo.awaitExit(EXIT), demo.describe());
            int scenarios = twin ? 16 : 15;
            assertTrue(demo.stdout().contains("gallery done: " + scenarios + " scenario(s) run, 0 could not run"),
                    demo.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exitInAHookHangsTheJvm(Jdk jdk, @TempDir Path dir) throws Exception {
        try (DemoProcess demo = DemoProcess.plain(jdk, dir, "--scenario", "shutdown.exit-in-hook")) {
            demo.awaitOutput("gallery done:", STARTED);
            Thread.sleep(3_000);
            assertTrue(demo.isAlive(), "System.exit in a shutdown hook should hang the JVM\n" + demo.describe());
            assertTrue(demo.stderr().contains("this JVM now hangs"), demo.describe());
        }
    }

    static List<Object[]> jdksTimesAnswers() {
        return Jdks.all().stream()
                .flatMap(jdk -> List.of("ok", "fail", "hang").stream().map(answer -> new Object[] {jdk, answer}))
                .toList();
    }

    static List<Object[]> jdksTimesTwin() {
        return Jdks.all().stream()
                .flatMap(jdk -> List.of(false, true).stream().map(twin -> new Object[] {jdk, twin}))
                .toList();
    }

    private static List<String> unnamedNonDaemonThreads(String dump) {
        Matcher m = UNNAMED_NON_DAEMON.matcher(dump);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
