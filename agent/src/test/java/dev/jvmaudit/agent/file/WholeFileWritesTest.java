package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSite;
import example.LinesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The caller of a {@code Files.write} under way, read from the writing thread's stack. {@code Files.write(Path,
 * Iterable)} is two levels (it calls the overload with a charset), as its two entries counted.
 */
class WholeFileWritesTest {

    @TempDir
    Path dir;

    @Test
    void anotherThreadInsideTheCallIsAskedForItsCaller() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> LinesWriter.write(dir.resolve("a.txt"), LinesWriter.signalThenWait(inside, release)));
        writer.start();
        try {
            inside.await();
            assertEquals("example.LinesWriter.write", where(WholeFileWrites.callerOf(writer, 2, () -> true)));
            assertEquals("example.LinesWriter.write", where(WholeFileWrites.callerOf(writer, 1, () -> true)));
            assertNull(WholeFileWrites.callerOf(writer, 3, () -> true), "no third call under way");
            assertNull(WholeFileWrites.callerOf(writer, 2, () -> false), "closed since: the stack may be another call's");
        } finally {
            release.countDown();
            writer.join();
        }
    }

    @Test
    void aCallWithinAnotherIsTheInnerCallersAndTheOuterStaysTheOuters() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> LinesWriter.nested(dir.resolve("outer.txt"), dir.resolve("inner.txt"),
                LinesWriter.signalThenWait(inside, release)));
        writer.start();
        try {
            inside.await();
            CallSite inner = WholeFileWrites.callerOf(writer, 4, () -> true);
            assertEquals("example.LinesWriter.lambda$nested$0", where(inner));
            assertEquals("example.LinesWriter.write", where(WholeFileWrites.callerOf(writer, 2, () -> true)));
        } finally {
            release.countDown();
            writer.join();
        }
    }

    @Test
    void theWritingThreadAsksItsOwnStack() {
        AtomicReference<CallSite> seen = new AtomicReference<>();
        LinesWriter.write(dir.resolve("own.txt"), () -> seen.set(WholeFileWrites.callerOf(Thread.currentThread(), 2, () -> true)));
        assertEquals("example.LinesWriter.write", where(seen.get()));
    }

    private static String where(CallSite site) {
        return site == null ? null : site.className() + "." + site.methodName();
    }
}
