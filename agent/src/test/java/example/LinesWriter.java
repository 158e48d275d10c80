package example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;

/** Application code inside {@code Files.write}: its one line is handed out by an iterator that waits until released. */
public final class LinesWriter {

    private LinesWriter() {
    }

    /** {@code Files.write(file, lines)}; the iterator runs {@code inside} (on this thread, within the call) first. */
    public static void write(Path file, Runnable inside) {
        try {
            Files.write(file, lines(inside));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code Files.write} call under way within another one's iterator. */
    public static void nested(Path outer, Path inner, Runnable inside) {
        write(outer, () -> {
            try {
                Files.write(inner, lines(inside));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A latch's countdown, then a wait on another: how a test holds a thread inside a call. */
    public static Runnable signalThenWait(CountDownLatch signal, CountDownLatch release) {
        return () -> {
            signal.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static Iterable<String> lines(Runnable inside) {
        return () -> new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                return !given;
            }

            @Override
            public String next() {
                inside.run();
                given = true;
                return "line";
            }
        };
    }
}
