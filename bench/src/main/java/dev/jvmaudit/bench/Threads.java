package dev.jvmaudit.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One operation: start a thread that does nothing and join it (the agent watches every start and every end). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Threads extends IterationClock {

    private static final Runnable NOTHING = () -> { };

    @Setup(Level.Trial)
    public void check() {
        BenchSupport.checkAgent();
    }

    @Benchmark
    public void startJoin() throws InterruptedException {
        Thread thread = new Thread(NOTHING);
        thread.start();
        thread.join();
    }
}
