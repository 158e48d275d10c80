package dev.jvmaudit.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** What every benchmark state shares: a private work directory and the check that the agent is (or is not) there. */
final class BenchSupport {

    /** Set to true by {@link BenchMain} in the forks that run with {@code -javaagent}. */
    static final String AGENT_PROPERTY = "bench.agent";

    private BenchSupport() {
    }

    /**
     * Fails the fork when it does not run as {@link BenchMain} asked: an agent fork whose agent did not install (its
     * bridge is missing from the boot loader) would otherwise silently measure a plain JVM.
     */
    static void checkAgent() {
        boolean wanted = Boolean.getBoolean(AGENT_PROPERTY);
        boolean present;
        try {
            Class.forName("dev.jvmaudit.bootstrap.Guard", false, null);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        if (wanted != present) {
            throw new IllegalStateException("this fork should run " + (wanted ? "with" : "without")
                    + " the agent, but its bridge is " + (present ? "" : "not ") + "in the boot loader");
        }
    }

    /** Epoch milliseconds at which a side-by-side JVM starts its first iteration (see {@link SideBySide}). */
    static final String CLOCK_START_PROPERTY = "bench.clock.start";
    /** Milliseconds from the start of one iteration to the start of the next in a side-by-side JVM. */
    static final String CLOCK_PERIOD_PROPERTY = "bench.clock.period";

    private static final long CLOCK_START = Long.getLong(CLOCK_START_PROPERTY, 0);
    private static final long CLOCK_PERIOD = Long.getLong(CLOCK_PERIOD_PROPERTY, 0);
    private static int iterationsBegun;
    private static long lateMillis;

    /**
     * Before each iteration (warm-up or measured) of a side-by-side JVM: waits for the instant its twin begins the same
     * iteration, so that iteration k of both sees the same seconds of the host. Without the clock properties (a JMH fork)
     * it returns at once.
     */
    static synchronized void awaitIteration() throws InterruptedException {
        if (CLOCK_START == 0) {
            return;
        }
        long wait = CLOCK_START + iterationsBegun++ * CLOCK_PERIOD - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        } else {
            lateMillis = Math.max(lateMillis, -wait);
        }
    }

    /** The most any iteration of this JVM began after its instant on the clock: its pairing with the twin is off by that much. */
    static synchronized long lateMillis() {
        return lateMillis;
    }

    /** Where {@link BenchMain} wants the file lifecycle's directory (see {@code BenchMain.lifecycleDir}). */
    static final String LIFECYCLE_DIR_PROPERTY = "bench.lifecycle.dir";

    /** A new directory only this user can enter (0700), so no file in it is a temp-directory finding. */
    static Path privateDir(String prefix) throws IOException {
        return privateDir(prefix, Path.of(System.getProperty("bench.work.dir", System.getProperty("java.io.tmpdir"))));
    }

    static Path privateDir(String prefix, Path base) throws IOException {
        Files.createDirectories(base);
        return Files.createTempDirectory(base, prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
