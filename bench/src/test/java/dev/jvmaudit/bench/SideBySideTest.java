package dev.jvmaudit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

    private static final double[] FLAT = {100, 100, 100, 100};

    /** A round's ratio compares the same seconds of both sides: a slow spell in both leaves it alone. */
    @Test
    void aSpellBothSidesMeetDoesNotMoveTheRatio() {
        SideBySide.Round round = new SideBySide.Round(new double[] {100, 140, 100, 100}, new double[] {101, 141.4, 101, 101}, 0);
        assertEquals(1.01, round.ratio(), 1e-9);
        assertEquals(0, round.pairedSpread(), 1e-9);
    }

    @Test
    void theErrorIsStudentsTOverTheRoundsRatios() {
        SideBySide.Result result = new SideBySide.Result(List.of(
                new SideBySide.Round(FLAT, times(FLAT, 0.99), 0),
                new SideBySide.Round(FLAT, times(FLAT, 1.00), 0),
                new SideBySide.Round(FLAT, times(FLAT, 1.01), 0)), "us/op");
        assertEquals(1.0, result.ratio(), 1e-9);
        // sd 0.01 over 3 rounds; t(2 degrees of freedom, 0.9995) = 31.599
        assertEquals(31.599 * 0.01 / Math.sqrt(3), result.ratioError(), 1e-4);
        assertEquals(100, result.plainScore(), 1e-9);
        assertEquals(100, result.agentScore(), 1e-9);
        assertTrue(result.detail().startsWith("3 rounds 0.990-1.010"), result.detail());
    }

    @Test
    void oneRoundHasNoError() {
        SideBySide.Result result = new SideBySide.Result(List.of(new SideBySide.Round(FLAT, FLAT, 0)), "us/op");
        assertTrue(Double.isNaN(result.ratioError()));
    }

    @Test
    void aLateIterationIsReportedBesideTheRatio() {
        SideBySide.Result result = new SideBySide.Result(List.of(new SideBySide.Round(FLAT, FLAT, 250)), "us/op");
        assertTrue(result.detail().endsWith("an iteration began 250 ms late"), result.detail());
    }

    @Test
    void scoresSurviveTheirFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.scores");
        new SideBySide.Scores("us/op", 7, new double[] {1.5, 2.25}).write(file);
        SideBySide.Scores read = SideBySide.Scores.read(file);
        assertEquals("us/op", read.unit());
        assertEquals(7, read.lateMillis());
        assertEquals(List.of(1.5, 2.25), List.of(read.values()[0], read.values()[1]));
    }

    /**
     * One real round on CPU 0: a JVM without and one with the agent built by this reactor, both through {@code setsid}
     * and {@code taskset}, meet the shared clock (no iteration begun more than the slack late) and pair their iterations.
     */
    @Test
    void aRoundRunsBothJvmsOnTheSharedClock(@TempDir Path dir) throws Exception {
        Path agent = Path.of("..", "agent", "target", "audit.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(agent), "build the agent first (mvn -B verify from the root builds it before bench): " + agent);
        Path log = dir.resolve("audit.jsonl");
        List<String> jvmArgs = List.of("-XX:ActiveProcessorCount=" + Runtime.getRuntime().availableProcessors(),
                "-Xmx128m", "-Dbench.work.dir=" + dir);
        long began = System.currentTimeMillis();
        SideBySide.Result result = SideBySide.run("Threads.startJoin", 0, 0, 2, 1, dir, "threads", jvmArgs,
                "-javaagent:" + agent + "=metrics=off,log.file=" + log);
        long took = System.currentTimeMillis() - began;
        assertEquals(1, result.rounds().size());
        SideBySide.Round round = result.rounds().get(0);
        assertEquals(2, round.plain().length);
        assertEquals(2, round.agent().length);
        assertTrue(round.ratio() > 0.2 && round.ratio() < 5, "ratio " + round.ratio());
        assertTrue(round.lateMillis() <= SideBySide.SLACK_MILLIS, "late by " + round.lateMillis() + " ms");
        assertEquals("us/op", result.unit());
        // both waited for the clock: the first iteration began START_DELAY after the round did
        assertTrue(took >= SideBySide.START_DELAY_MILLIS + 2000, "took " + took + " ms");
        assertTrue(Files.readString(dir.resolve("threads-agent-1.txt")).contains("Threads.startJoin"));
    }

    private static double[] times(double[] values, double factor) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
