package dev.jvmaudit.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The temporary directories and files the tests make (a few hundred a run): removed when the run ends with every test
 * passed, kept after a failure for its post-mortem. Registered for every test class by extension autodetection
 * ({@code junit-platform.properties}).
 */
public final class Scratch implements BeforeAllCallback, TestWatcher {

    private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    public static Path directory(String prefix) throws IOException {
        return made(Files.createTempDirectory(prefix));
    }

    public static Path file(String prefix, String suffix) throws IOException {
        return made(Files.createTempFile(prefix, suffix));
    }

    private static Path made(Path path) {
        MADE.add(path);
        return path;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store is closed once, when the whole run has ended
        context.getRoot().getStore(ExtensionContext.Namespace.create(Scratch.class))
                .getOrComputeIfAbsent(Cleanup.class, type -> new Cleanup(), Cleanup.class);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        FAILED.set(true);
    }

    private static final class Cleanup implements AutoCloseable {
        @Override
        public void close() {
            if (FAILED.get()) {
                if (!MADE.isEmpty()) {
                    System.err.println("Scratch: a test failed, its " + MADE.size() + " temporary paths are kept under "
                            + MADE.iterator().next().getParent());
                }
                return;
            }
            for (Path path : MADE) {
                deleteTree(path);
            }
            MADE.clear();
        }
    }

    /** Best effort: a program a test left running may still be writing there. A test may have removed it itself. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Scratch: could not remove " + root + ": " + e);
        }
    }
}
