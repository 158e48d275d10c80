package dev.jvmaudit.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ratio of two sides' median iteration scores, and its confidence interval by a bootstrap that resamples whole
 * forks: a host's slow spell lasts seconds, so the iterations of one fork are not independent samples, its forks are.
 */
final class Medians {

    private static final int RESAMPLES = 20_000;

    private Medians() {
    }

    /** The median of all iterations of all forks. */
    static double pooled(List<double[]> forks) {
        int n = 0;
        for (double[] fork : forks) {
            n += fork.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] fork : forks) {
            System.arraycopy(fork, 0, all, at, fork.length);
            at += fork.length;
        }
        Arrays.sort(all);
        return n == 0 ? Double.NaN : n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
    }

    /**
     * The central {@code confidence} interval of {@code pooled(agent) / pooled(base)} over resamplings of each side's
     * forks with replacement (percentile bootstrap, a fixed seed so that a report can be rebuilt to the same figures);
     * {NaN, NaN} when a side has no fork.
     */
    static double[] ratioInterval(List<double[]> base, List<double[]> agent, double confidence) {
        if (base.isEmpty() || agent.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(42);
        double[] ratios = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            ratios[i] = pooled(resample(agent, random)) / pooled(resample(base, random));
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        int low = (int) Math.floor(tail * (RESAMPLES - 1));
        int high = (int) Math.ceil((1 - tail) * (RESAMPLES - 1));
        return new double[] {ratios[low], ratios[high]};
    }

    private static List<double[]> resample(List<double[]> forks, SplittableRandom random) {
        double[][] drawn = new double[forks.size()][];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = forks.get(random.nextInt(forks.size()));
        }
        return List.of(drawn);
    }
}
