package dev.jvmaudit.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/** What every benchmark state extends: before each iteration, a side-by-side JVM waits for its twin's clock. */
public abstract class IterationClock {

    @Setup(Level.Iteration)
    public void awaitIteration() throws InterruptedException {
        BenchSupport.awaitIteration();
    }
}
