package dev.jvmaudit.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediansTest {

    @Test
    void theMedianPoolsEveryForksIterations() {
        assertEquals(3.0, Medians.pooled(List.of(new double[] {1, 5}, new double[] {3})));
        assertEquals(2.5, Medians.pooled(List.of(new double[] {4, 1}, new double[] {2, 3})));
        assertTrue(Double.isNaN(Medians.pooled(List.of())));
    }

    @Test
    void identicalSidesGiveAnIntervalAroundOne() {
        List<double[]> forks = List.of(new double[] {100, 101, 99}, new double[] {102, 100, 98}, new double[] {101, 99, 100});
        double[] interval = Medians.ratioInterval(forks, forks, 0.999);
        assertTrue(interval[0] <= 1 && 1 <= interval[1], interval[0] + "-" + interval[1]);
        assertTrue(interval[1] - interval[0] < 0.05, "tight when the forks agree: " + interval[0] + "-" + interval[1]);
    }

    @Test
    void aSlowForkWidensTheIntervalButHardlyMovesTheMedian() {
        List<double[]> base = List.of(new double[] {100, 100, 100}, new double[] {100, 100, 100}, new double[] {100, 100, 100});
        List<double[]> agent = List.of(new double[] {110, 110, 110}, new double[] {110, 110, 110}, new double[] {150, 150, 150});
        assertEquals(1.10, Medians.pooled(agent) / Medians.pooled(base), 1e-9);
        double[] interval = Medians.ratioInterval(base, agent, 0.999);
        assertEquals(1.10, interval[0], 1e-9, "no resampling can do better than the fast forks");
        assertEquals(1.50, interval[1], 1e-9, "the slow fork drawn three times");
    }

    @Test
    void noForksNoInterval() {
        double[] interval = Medians.ratioInterval(List.of(), List.of(new double[] {1}), 0.999);
        assertTrue(Double.isNaN(interval[0]) && Double.isNaN(interval[1]));
    }
}
