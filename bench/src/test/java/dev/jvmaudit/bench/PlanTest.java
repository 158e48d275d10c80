package dev.jvmaudit.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {

    /** The report's description of a full run is read from the cases, so it cannot drift from what ran. */
    @Test
    void theSideBySidePlanNamesEveryCaseWithItsOwnFigures() {
        String plan = BenchMain.plan(true);
        for (BenchMain.Case c : BenchMain.CASES) {
            BenchMain.Shared s = c.shared();
            String values = s.warmupSeconds() + "/" + s.iterations() + "/" + s.rounds();
            if (c.withoutSweeper()) {
                values += " (before JDK 20 without code cache flushing)";
            }
            String type = c.benchmark().substring(0, c.benchmark().indexOf('.'));
            assertTrue(plan.contains(type + " " + values) || plan.contains(c.benchmark() + " " + values),
                    c.benchmark() + " " + values + " in " + plan);
        }
    }

    @Test
    void aClassWhoseBenchmarksAgreeIsNamedOnceAndOneWhoseDoNotIsNamedPerBenchmark() {
        assertEquals("warm-up seconds / measured iterations of 1 s / rounds: WriteLoop 10/10/20, FileLifecycle 20/8/5,"
                + " Http.javaNetHttp 90/12/12 (before JDK 20 without code cache flushing), Http.httpUrlConnection 24/16/12,"
                + " Threads 6/12/8", BenchMain.plan(true));
        assertTrue(BenchMain.plan(false).startsWith("at least (warm-up seconds / measured iterations / pairs): WriteLoop 5/8/5,"
                + " FileLifecycle 10/8/-, "), BenchMain.plan(false));
    }

    private static final Path WORK = Path.of("w");

    /** Both sides alike: the option is in the list every JVM of the row starts with, fork or side. */
    @Test
    void onlyTheJavaNetHttpRowRunsWithoutCodeCacheFlushingAndOnlyBeforeJdk20() {
        boolean sweeperExists = Runtime.version().feature() < 20;
        for (BenchMain.Case c : BenchMain.CASES) {
            boolean off = c.benchmark().equals("Http.javaNetHttp") && sweeperExists;
            assertEquals(off, BenchMain.benchmarkJvmArgs(c, WORK).contains("-XX:-UseCodeCacheFlushing"),
                    c.benchmark());
            assertEquals(off, BenchMain.sideJvmArgs(c, 1, WORK).contains("-XX:-UseCodeCacheFlushing"),
                    c.benchmark());
        }
    }
}
