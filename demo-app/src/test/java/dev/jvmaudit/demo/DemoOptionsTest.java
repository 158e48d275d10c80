package dev.jvmaudit.demo;

import dev.jvmaudit.demo.DemoOptions.Mode;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;
import dev.jvmaudit.demo.keepalived.EventScript;
import dev.jvmaudit.demo.keepalived.RouterState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoOptionsTest {

    @Test
    void daemonDefaults() {
        DemoOptions options = DemoOptions.parse("--mode", "faithful");
        assertEquals(Mode.FAITHFUL, options.mode());
        assertEquals(Answer.OK, options.l3Agent());
        assertNull(options.confDir());
        assertEquals(RouterState.BACKUP, options.initialState());
        assertFalse(options.exitAfter());
        assertFalse(options.isLoad());
        assertEquals(new EventScript(false, 4, Duration.ofMillis(200)), options.script());
    }

    @Test
    void daemonOptionsInBothSpellings() {
        DemoOptions options = DemoOptions.parse("--mode=hardened", "--l3-agent", "HANG", "--conf-dir=/var/lib/x",
                "--router-id", "r-42", "--initial-state", "primary", "--flaps", "6", "--interval", "50ms",
                "--exit-after");
        assertEquals(Mode.HARDENED, options.mode());
        assertEquals(Answer.HANG, options.l3Agent());
        assertEquals(Path.of("/var/lib/x"), options.confDir());
        assertEquals("r-42", options.routerId());
        assertTrue(options.exitAfter());
        assertEquals(new EventScript(true, 6, Duration.ofMillis(50)), options.script());
    }

    @Test
    void durationPlaysChangesAtTheIntervalForThatLong() {
        DemoOptions options = DemoOptions.parse("--mode", "faithful", "--duration", "3s", "--interval", "250ms");
        assertEquals(new EventScript(false, 12, Duration.ofMillis(250)), options.script());
    }

    @Test
    void loadTurnsARateAndADurationIntoAScript() {
        DemoOptions options = DemoOptions.parse("--mode", "faithful", "--events-per-second", "200", "--duration", "2m");
        assertTrue(options.isLoad());
        assertEquals(new EventScript(false, 24_000, Duration.ofMillis(5)), options.script());
    }

    @Test
    void loadMayLeaveAWarmUpOutOfItsRate() {
        assertEquals(Duration.ofSeconds(3), DemoOptions.parse("--mode", "hardened", "--events-per-second", "10",
                "--warm-up", "3s").warmUp());
        assertEquals(Duration.ZERO, DemoOptions.parse("--mode", "hardened", "--events-per-second", "10").warmUp());
    }

    @Test
    void loadWithoutDurationRunsAMinute() {
        DemoOptions options = DemoOptions.parse("--mode", "hardened", "--events-per-second", "10");
        assertEquals(600, options.script().count());
    }

    @Test
    void galleryOptions() {
        DemoOptions options = DemoOptions.parse("--scenario", "thread.deadlock", "--twin", "--hook-sleep", "2",
                "--deadlock-wait", "500ms", "--input", "r1; ls", "--work-dir", "/tmp/w");
        assertEquals(Mode.GALLERY, options.mode());
        assertEquals("thread.deadlock", options.scenario());
        assertTrue(options.twin());
        assertEquals(Duration.ofSeconds(2), options.hookSleep());
        assertEquals(Duration.ofMillis(500), options.deadlockWait());
        assertEquals("r1; ls", options.input());
        assertEquals(Path.of("/tmp/w"), options.workDir());
    }

    @Test
    void galleryDefaults() {
        DemoOptions options = DemoOptions.parse("--scenario", "all");
        assertFalse(options.twin());
        assertEquals(Duration.ofSeconds(11), options.hookSleep());
        assertEquals(Duration.ofSeconds(3), options.deadlockWait());
    }

    @Test
    void helpNeedsNothingElse() {
        assertTrue(DemoOptions.parse("--help").help());
    }

    @Test
    void mistakesAreNamedInOneLine() {
        assertMessage("unknown option --mood", "--mood", "faithful");
        assertMessage("--mode: 'relaxed' is not one of [faithful, hardened, gallery]", "--mode", "relaxed");
        assertMessage("--flaps needs a value", "--mode", "faithful", "--flaps");
        assertMessage("--flaps: '-1' is not a positive whole number", "--mode", "faithful", "--flaps", "-1");
        assertMessage("--interval: 'soon' is not a duration (like 250ms, 3s, 2m)", "--mode", "faithful",
                "--interval", "soon");
        assertMessage("--exit-after takes no value", "--mode", "faithful", "--exit-after=yes");
        assertMessage("unexpected argument 'faithful'", "faithful");
        assertMessage("give --mode faithful|hardened or --scenario <rule-id>|all");
        assertMessage("give either --mode or --scenario, not both", "--mode", "faithful", "--scenario", "all");
        assertMessage("gallery options (--twin, --hook-sleep, ...) need --scenario", "--mode", "hardened", "--twin");
        assertMessage("daemon options (--l3-agent, --flaps, ...) do not apply to --scenario",
                "--scenario", "all", "--l3-agent", "fail");
        assertMessage("--mode: use --scenario <rule-id>|all for the gallery", "--mode", "gallery");
        assertMessage("--warm-up applies to a load run: give --events-per-second too", "--mode", "hardened",
                "--warm-up", "2s");
        assertMessage("--interval must be longer than 0ms", "--mode", "faithful", "--interval", "0ms");
    }

    @Test
    void anUnknownScenarioListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--scenario", "http.nope"));
        assertTrue(e.getMessage().startsWith("--scenario: no scenario 'http.nope'; one of all, http.unchecked-status"),
                e.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
