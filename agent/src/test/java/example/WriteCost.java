package example;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A JMH-free measure of what the file-lifecycle hooks cost a write-heavy loop: 1 MiB in 4 KiB chunks to an open
 * FileOutputStream and to an open FileChannel on a real file, then the same stream loop and 16 Ki single-byte
 * {@code write(int)} calls to {@code /dev/null}, where the system call is cheapest and the hook's share largest.
 * Prints the median CPU time of this thread per MiB (per write for single bytes): CPU time, not wall time, so
 * other processes on a shared machine disturb it less. Run it with and without the agent and compare.
 *
 * <p>{@code args[0]}: {@code quiet} (no file open twice: each write costs the agent one volatile read),
 * {@code elsewhere} (another file is open through two handles: each write looks its handle up), {@code same} (each
 * measured file is also open through a second handle of another thread: each write is judged).
 */
public final class WriteCost {

    private static final int MIB = 1 << 20;
    private static final int CHUNK = 4096;
    private static final int BYTES = 16384;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "quiet";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path file = Path.of("cost.bin");
        Path channelFile = Path.of("cost-channel.bin");
        Path devNull = Path.of("/dev/null");
        FileOutputStream[] extra = new FileOutputStream[3];
        try (FileOutputStream stream = new FileOutputStream(file.toFile());
             FileOutputStream nullStream = new FileOutputStream(devNull.toFile());
             FileChannel channel = FileChannel.open(channelFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (mode.equals("elsewhere")) {
                extra[0] = new FileOutputStream("other.bin", true);
                extra[1] = new FileOutputStream("other.bin", true);
            } else if (mode.equals("same")) {
                Thread t = new Thread(() -> {
                    try {
                        extra[0] = new FileOutputStream(file.toFile(), true);
                        extra[1] = new FileOutputStream(channelFile.toFile(), true);
                        extra[2] = new FileOutputStream(devNull.toFile(), true);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "second-handle");
                t.start();
                t.join();
            }
            byte[] chunk = new byte[CHUNK];
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
            long[][] times = new long[4][rounds];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                for (int r = 0; r < rounds; r++) {
                    stream.getChannel().position(0);
                    long t0 = cpu();
                    for (int i = 0; i < MIB / CHUNK; i++) {
                        stream.write(chunk, 0, CHUNK);
                    }
                    long t1 = cpu();
                    channel.position(0);
                    long t2 = cpu();
                    for (int i = 0; i < MIB / CHUNK; i++) {
                        buffer.clear();
                        channel.write(buffer);
                    }
                    long t3 = cpu();
                    for (int i = 0; i < MIB / CHUNK; i++) {
                        nullStream.write(chunk, 0, CHUNK);
                    }
                    long t4 = cpu();
                    for (int i = 0; i < BYTES; i++) {
                        nullStream.write(i);
                    }
                    long t5 = cpu();
                    times[0][r] = t1 - t0;
                    times[1][r] = t3 - t2;
                    times[2][r] = t4 - t3;
                    times[3][r] = t5 - t4;
                }
            }
            System.out.printf("file-stream-4k %d file-channel-4k %d null-stream-4k %d null-byte %d%n",
                    median(times[0]) / 1000, median(times[1]) / 1000, median(times[2]) / 1000, median(times[3]) / BYTES);
        } finally {
            for (FileOutputStream e : extra) {
                if (e != null) {
                    e.close();
                }
            }
        }
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
