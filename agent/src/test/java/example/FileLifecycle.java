package example;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * The cases of file.concurrent-write and file.open-at-exit. Every racing pair is two named methods (their names are
 * the call sites the test expects) run by threads {@code writer-a} and {@code writer-b}; a barrier makes their opens
 * overlap and both write before either closes. Runs in the current directory (private to the test).
 */
public final class FileLifecycle {

    private static final Object TURNS = new Object();
    /** Kept reachable on purpose: these are left open. */
    static final List<Object> KEPT = new ArrayList<>();

    interface Task {
        void run(CyclicBarrier barrier) throws Exception;
    }

    interface Io {
        void run() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "race" -> {
                Path streams = Path.of("streams.log");
                pair(b -> streamA(streams, b), b -> streamB(streams, b));
                Path channels = Path.of("channels.log");
                pair(b -> channelA(channels, b), b -> bufferedWriterB(channels, b));
                Path mixed = Path.of("mixed.bin");
                pair(b -> randomAccessA(mixed, b), b -> newOutputStreamB(mixed, b));
                Path async = Path.of("async.bin");
                pair(b -> asyncA(async, b), b -> streamOfAsyncB(async, b));
                Path parent = Path.of("parent.bin");
                pair(b -> streamChannelA(parent, b), b -> streamOfParentB(parent, b));
                Path original = Path.of("original.bin");
                Files.write(original, new byte[0]);
                Path hard = Files.createLink(Path.of("hard.bin"), original);
                Path symbolic = Files.createSymbolicLink(Path.of("symbolic.bin"), original.toAbsolutePath());
                pair(b -> hardLinkA(original, b), b -> hardLinkB(hard, b));
                pair(b -> symbolicLinkA(original, b), b -> symbolicLinkB(symbolic, b));
                Path lines = Path.of("lines.log");
                pair(b -> linesA(lines, b), b -> linesB(lines, b));
            }
            case "race-after-http" -> {
                java.net.http.HttpClient.newHttpClient();
                Path channels = Path.of("channels.log");
                pair(b -> channelA(channels, b), b -> bufferedWriterB(channels, b));
            }
            case "calm" -> {
                turns(Path.of("turns.log"));
                Path locked = Path.of("locked.bin");
                pair(b -> lockedChannelA(locked, b), b -> lockedChannelB(locked, b));
                Path lockedStreams = Path.of("locked-streams.bin");
                pair(b -> lockedStream(lockedStreams, b), b -> lockedStream(lockedStreams, b));
                sameThreadTwoHandles(Path.of("same-thread.log"));
                sharedHandle(Path.of("shared-handle.log"));
                Path readers = Path.of("readers.log");
                Files.write(readers, new byte[] {'r'});
                pair(b -> streamA(readers, b), b -> reader(readers, b));
                closedInTime();
            }
            case "alloc" -> allocations();
            case "print" -> {
                System.out.println("hello");
                System.err.println("to stderr");
            }
            case "exit" -> {
                atExitCases();
                System.out.println("done");
                System.exit(0);
            }
            case "exit-mid-write" -> {
                writeUnderWayAtExit();
                System.out.println("done");
                System.exit(0);
            }
            case "end" -> atExitCases();
            case "term" -> {
                atExitCases();
                System.out.println("ready");
                Thread.sleep(60_000);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done");
    }

    /** Runs two tasks on threads writer-a and writer-b sharing one barrier; rethrows their failures. */
    static void pair(Task a, Task b) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = List.of(new Thread(() -> run(a, barrier, failures), "writer-a"),
                new Thread(() -> run(b, barrier, failures), "writer-b"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.get(0));
        }
    }

    private static void run(Task task, CyclicBarrier barrier, List<Throwable> failures) {
        try {
            task.run(barrier);
        } catch (Throwable t) {
            synchronized (failures) {
                failures.add(t);
            }
            barrier.reset();
        }
    }

    /** Both handles are open once the first await returns; both have written once the second returns. */
    static void overlap(CyclicBarrier barrier, Io write) throws Exception {
        barrier.await(20, TimeUnit.SECONDS);
        write.run();
        barrier.await(20, TimeUnit.SECONDS);
        write.run();
    }

    // ---- racing pairs

    static void streamA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write('a'));
        }
    }

    static void streamB(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write(new byte[] {'b', '\n'}));
        }
    }

    static void channelA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            overlap(barrier, () -> channel.write(ByteBuffer.wrap(new byte[] {'a'})));
        }
    }

    static void bufferedWriterB(Path file, CyclicBarrier barrier) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            overlap(barrier, () -> {
                out.write("b\n");
                out.flush();
            });
        }
    }

    static void randomAccessA(Path file, CyclicBarrier barrier) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            overlap(barrier, () -> raf.writeInt(42));
        }
    }

    static void newOutputStreamB(Path file, CyclicBarrier barrier) throws Exception {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            overlap(barrier, () -> out.write(new byte[] {1, 2, 3}, 0, 3));
        }
    }

    static void asyncA(Path file, CyclicBarrier barrier) throws Exception {
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            overlap(barrier, () -> {
                try {
                    channel.write(ByteBuffer.wrap(new byte[] {'a'}), 0).get();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
        }
    }

    static void streamOfAsyncB(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write('b'));
        }
    }

    static void streamChannelA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.getChannel().write(ByteBuffer.wrap(new byte[] {'a'})));
        }
    }

    static void streamOfParentB(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write('b'));
        }
    }

    static void hardLinkA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write('a'));
        }
    }

    static void hardLinkB(Path link, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(link.toFile(), true)) {
            overlap(barrier, () -> out.write('b'));
        }
    }

    static void symbolicLinkA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> out.write('a'));
        }
    }

    static void symbolicLinkB(Path link, CyclicBarrier barrier) throws Exception {
        try (FileChannel channel = FileChannel.open(link, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            overlap(barrier, () -> channel.write(ByteBuffer.wrap(new byte[] {'b'})));
        }
    }

    /** Files.write whose lines are handed out between the barriers: the call itself writes while both are open. */
    static void linesA(Path file, CyclicBarrier barrier) throws Exception {
        Files.write(file, overlappingLines(barrier, "a"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static void linesB(Path file, CyclicBarrier barrier) throws Exception {
        Files.write(file, overlappingLines(barrier, "b"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Two lines longer than the writer's buffers (so each reaches the channel as it is appended), each handed out after
     * a barrier, then a wait for the other thread before the call closes its channel.
     */
    static Iterable<String> overlappingLines(CyclicBarrier barrier, String text) {
        return () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < 3;
            }

            @Override
            public String next() {
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return given++ < 2 ? text.repeat(20_000) + "\n" : "";
            }
        };
    }

    // ---- correct twins

    /** Two threads take turns under one lock, each opening, writing and closing: never two handles at once. */
    static void turns(Path file) throws Exception {
        pair(b -> turnsOf(file), b -> turnsOf(file));
    }

    static void turnsOf(Path file) throws IOException {
        for (int i = 0; i < 5; i++) {
            synchronized (TURNS) {
                try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
                    out.write('t');
                }
            }
            Thread.yield();
        }
    }

    static void lockedChannelA(Path file, CyclicBarrier barrier) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            overlap(barrier, () -> {
                try (FileLock lock = lock(channel, 0, Long.MAX_VALUE)) {
                    channel.write(ByteBuffer.wrap(new byte[] {'a'}), 0);
                }
            });
        }
    }

    /** A lock of the first kilobyte, covering the write at the channel's position (0). */
    static void lockedChannelB(Path file, CyclicBarrier barrier) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            overlap(barrier, () -> {
                try (FileLock lock = lock(channel, 0, 1024)) {
                    channel.position(0);
                    channel.write(ByteBuffer.wrap(new byte[] {'b'}));
                }
            });
        }
    }

    /** The stream's own channel holds the lock around the stream's write. */
    static void lockedStream(Path file, CyclicBarrier barrier) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            overlap(barrier, () -> {
                try (FileLock lock = lock(out.getChannel(), 0, Long.MAX_VALUE)) {
                    out.write('s');
                }
            });
        }
    }

    /** Within one JVM a second overlapping lock throws instead of waiting: retry, as such code must. */
    static FileLock lock(FileChannel channel, long position, long size) throws IOException {
        while (true) {
            try {
                return channel.lock(position, size, false);
            } catch (OverlappingFileLockException busy) {
                Thread.onSpinWait();
            }
        }
    }

    /** One thread, two handles on one file: no second thread, no race. */
    static void sameThreadTwoHandles(Path file) throws IOException {
        try (FileOutputStream first = new FileOutputStream(file.toFile(), true);
             FileOutputStream second = new FileOutputStream(file.toFile(), true)) {
            first.write('1');
            second.write('2');
            first.write('1');
        }
    }

    /** One handle shared by two threads that serialise their writes. */
    static void sharedHandle(Path file) throws Exception {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            pair(b -> overlap(b, () -> {
                synchronized (out) {
                    out.write('a');
                }
            }), b -> overlap(b, () -> {
                synchronized (out) {
                    out.write('b');
                }
            }));
        }
    }

    /** A reader next to a writer: only writes race. */
    static void reader(Path file, CyclicBarrier barrier) throws Exception {
        try (FileInputStream in = new FileInputStream(file.toFile());
             RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            overlap(barrier, () -> {
                in.read();
                raf.read();
            });
        }
    }

    static void closedInTime() throws IOException {
        try (Writer out = Files.newBufferedWriter(Path.of("closed.txt"))) {
            out.write("closed");
        }
        try (FileOutputStream out = new FileOutputStream("closed.bin")) {
            out.write(1);
        }
    }

    // ---- cost

    /**
     * Bytes this thread allocates over 100k rounds of three writes (stream write(byte[], int, int), stream write(int),
     * channel write(ByteBuffer)) when no file is open twice, when another file is, and when the written file is.
     */
    static void allocations() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path sink = Path.of("/dev/null");
        StringBuilder report = new StringBuilder();
        try (FileOutputStream stream = new FileOutputStream(sink.toFile());
             FileChannel channel = FileChannel.open(sink, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[64];
            ByteBuffer buffer = ByteBuffer.allocateDirect(64);
            for (String mode : List.of("warm-up", "quiet", "elsewhere", "same")) {
                List<Closeable> extra = new ArrayList<>();
                if (mode.equals("elsewhere")) {
                    extra.add(new FileOutputStream("alloc-other.bin", true));
                    extra.add(new FileOutputStream("alloc-other.bin", true));
                } else if (mode.equals("same")) {
                    Thread t = new Thread(() -> {
                        try {
                            extra.add(new FileOutputStream(sink.toFile(), true));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }, "second-handle");
                    t.start();
                    t.join();
                }
                writes(stream, channel, chunk, buffer, 20_000);
                long before = mx.getCurrentThreadAllocatedBytes();
                writes(stream, channel, chunk, buffer, 100_000);
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                if (!mode.equals("warm-up")) {
                    report.append(mode).append('=').append(allocated).append(' ');
                }
                for (Closeable c : extra) {
                    c.close();
                }
            }
        }
        System.out.println(report.toString().trim());
    }

    private static void writes(FileOutputStream stream, FileChannel channel, byte[] chunk, ByteBuffer buffer, int rounds)
            throws IOException {
        for (int i = 0; i < rounds; i++) {
            stream.write(chunk, 0, chunk.length);
            stream.write(i);
            buffer.clear();
            channel.write(buffer);
        }
    }

    // ---- open at exit

    static void atExitCases() throws IOException {
        leftOpenStream();
        leftOpenWriter();
        closedInTime();
        closedByHook();
    }

    static void leftOpenStream() throws IOException {
        FileOutputStream out = new FileOutputStream("left-open.bin");
        out.write('x');
        KEPT.add(out);
    }

    static void leftOpenWriter() throws IOException {
        Writer out = Files.newBufferedWriter(Path.of("left-open.txt"));
        out.write("buffered, never flushed");
        KEPT.add(out);
    }

    /** A daemon thread is inside Files.write, waiting for its next line, when the JVM exits. */
    static void writeUnderWayAtExit() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Thread writer = new Thread(() -> writeUnderWay(inside), "writer");
        writer.setDaemon(true);
        writer.start();
        inside.await();
    }

    static void writeUnderWay(CountDownLatch inside) {
        Iterable<String> lines = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                inside.countDown();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "";
            }
        };
        try {
            Files.write(Path.of("under-way.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by the application's own shutdown hook, which runs before the check. */
    static void closedByHook() throws IOException {
        FileOutputStream out = new FileOutputStream("closed-by-hook.bin");
        out.write('h');
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(200);
                out.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "closing-hook"));
    }
}
