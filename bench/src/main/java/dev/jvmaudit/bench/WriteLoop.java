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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * One operation: 1 MiB written in 4 KiB chunks to a file that is already open. The hot path of every service that
 * writes: the agent must add (almost) nothing per write. Each operation rewrites the same MiB from position 0, so the
 * file never grows past 1 MiB (the reposition is one lseek, the same with and without the agent).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteLoop extends IterationClock {

    static final int CHUNK = 4096;
    static final int CHUNKS = 256; // 256 x 4 KiB = 1 MiB

    private Path dir;
    private FileOutputStream stream;
    private FileChannel channel;
    private byte[] chunk;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);

    @Setup(Level.Trial)
    public void open() throws IOException {
        BenchSupport.checkAgent();
        dir = BenchSupport.privateDir("write-loop-");
        stream = new FileOutputStream(dir.resolve("stream.dat").toFile());
        channel = FileChannel.open(dir.resolve("channel.dat"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    // One array for a whole JVM made its copy into the native buffer (libc's memmove, before each write(2)) a lottery:
    // in 5 of 12 JDK 25 agent JVMs it took 3x as long for the JVM's life; one per iteration, in none of 10.
    @Setup(Level.Iteration)
    public void placeChunk() {
        chunk = new byte[CHUNK];
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        stream.close();
        channel.close();
        BenchSupport.deleteTree(dir);
    }

    @Benchmark
    public void fileOutputStream() throws IOException {
        stream.getChannel().position(0);
        for (int i = 0; i < CHUNKS; i++) {
            stream.write(chunk, 0, CHUNK);
        }
    }

    @Benchmark
    public void fileChannel() throws IOException {
        channel.position(0);
        for (int i = 0; i < CHUNKS; i++) {
            buffer.clear();
            channel.write(buffer);
        }
    }
}
