package dev.jvmaudit.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One operation: create a new file in a private (0700) directory, write 4 KiB, close it. This is where the agent does
 * its per-file work (creation judged, handle tracked), so a bounded cost is expected. The file is deleted at the end of
 * the operation (the same unlink with and without the agent; it keeps the directory small), which makes the measured
 * ratio slightly lower than for create-write-close alone: see README.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FileLifecycle extends IterationClock {

    private Path dir;
    private long next;
    private final byte[] chunk = new byte[4096];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchSupport.checkAgent();
        String base = System.getProperty(BenchSupport.LIFECYCLE_DIR_PROPERTY);
        dir = base == null ? BenchSupport.privateDir("file-lifecycle-") : BenchSupport.privateDir("file-lifecycle-", Path.of(base));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        BenchSupport.deleteTree(dir);
    }

    @Benchmark
    public void fileOutputStream() throws IOException {
        Path file = dir.resolve("f" + next++ + ".dat");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(chunk);
        }
        Files.delete(file);
    }

    @Benchmark
    public void filesWrite() throws IOException {
        Path file = dir.resolve("f" + next++ + ".dat");
        Files.write(file, chunk);
        Files.delete(file);
    }
}
