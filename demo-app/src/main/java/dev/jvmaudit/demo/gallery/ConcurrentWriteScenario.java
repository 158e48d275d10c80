package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;

/** file.concurrent-write: two threads append to one audit file through streams of their own, at the same time. */
final class ConcurrentWriteScenario implements Scenario {

    private static final int WRITERS = 2;

    @Override
    public String rule() {
        return "file.concurrent-write";
    }

    @Override
    public String story() {
        return "two threads each open <work-dir>/audit.log and write while the other holds it open";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        Path log = context.newPrivateFile("audit.log");
        // makes the overlap certain: both streams are open before either writes, and both write before either closes
        CyclicBarrier bothOpen = new CyclicBarrier(WRITERS);
        List<Thread> writers = new ArrayList<>();
        for (int i = 1; i <= WRITERS; i++) {
            String line = "event from writer " + i + "\n";
            writers.add(GalleryThreads.start("audit-writer-" + i, () -> {
                try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
                    bothOpen.await();
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    bothOpen.await();
                }
            }));
        }
        GalleryThreads.joinAll(writers);
        ConsoleLog.info("%s has %d lines", log, Files.readAllLines(log).size());
    }

    /** The fix: the producers hand their lines to the one thread that owns the file. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        Path log = context.newPrivateFile("audit.log");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread writer = GalleryThreads.start("audit-writer", () -> {
            try (Writer out = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                for (int i = 0; i < WRITERS; i++) {
                    out.write(lines.take());
                }
            }
        });
        List<Thread> producers = new ArrayList<>();
        for (int i = 1; i <= WRITERS; i++) {
            String line = "event from producer " + i + "\n";
            producers.add(GalleryThreads.start("audit-producer-" + i, () -> lines.put(line)));
        }
        GalleryThreads.joinAll(producers);
        GalleryThreads.joinAll(List.of(writer));
        ConsoleLog.info("%s has %d lines", log, Files.readAllLines(log).size());
    }
}
