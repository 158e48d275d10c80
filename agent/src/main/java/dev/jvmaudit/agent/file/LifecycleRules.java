package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Rule;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * {@code file.concurrent-write}: two threads write one file through two handles, each while the other is open, with
 * no {@code FileLock} covering the writes; judged at write time, reported once per pair of opening call sites.
 * {@code file.open-at-exit}: a handle the application opened for writing is still open once its shutdown hooks
 * have finished; reported with the call site that opened it.
 */
final class LifecycleRules {

    /** Beyond this many distinct pairs of call sites, new pairs are no longer remembered (the reporter still folds). */
    static final int MAX_PAIRS = 10_000;

    private final HandleTable table;
    private final Predicate<Rule> enabled;
    private final Consumer<Finding> sink;
    private final Set<String> reportedPairs = ConcurrentHashMap.newKeySet();
    /**
     * The file an exclusive open created last, the thread that opened it and the table's clock before: a handle that
     * thread opens on it next needs no identity while it is the only one (see {@link HandleTable#apart}). Forgotten on
     * any rename, link, copy or other creation the hooks see: a rename could put an older file at its path. (One made
     * outside the JVM, or by native code, could too; the cost is then a race of a third handle missed.)
     */
    private volatile Created lastCreated;

    private record Created(Path path, Thread thread, long clockBefore) {
    }

    LifecycleRules(Predicate<Rule> enabled, Consumer<Finding> sink, IntConsumer sharedFilesChanged) {
        this.enabled = enabled;
        this.sink = sink;
        this.table = new HandleTable(sharedFilesChanged, LifecycleRules::identify);
    }

    HandleTable table() {
        return table;
    }

    /** Whether opens are tracked at all (one of the two rules is enabled). */
    boolean tracking() {
        return enabled.test(Rule.FILE_CONCURRENT_WRITE) || enabled.test(Rule.FILE_OPEN_AT_EXIT);
    }

    /** The table's clock, read as an exclusive open starts (for {@link #createdExclusively}). */
    long clock() {
        return table.now();
    }

    /** An exclusive open created {@code path}; the table's clock was {@code clockBefore} as it started. */
    void createdExclusively(Path path, long clockBefore) {
        lastCreated = new Created(path, Thread.currentThread(), clockBefore);
    }

    /** A rename, copy or other creation the hooks saw: it may have put another file at the created path. */
    void forgetCreated() {
        lastCreated = null;
    }

    /**
     * A handle opened for writing by application code at {@code site} (null: the JDK acting alone, not tracked; a
     * capture that finds no application frame only when resolved is tracked, never reported); {@code path} and {@code
     * name} are the absolute path and the same as findings print it; {@code fileKey}, the identity of the opened file
     * when already read, saves another {@code stat} (when not, it is read only if the handle may share its file with
     * another: see {@link HandleTable}).
     */
    void opened(Path path, String name, Object handle, CallSites.Capture site, Object fileKey) {
        if (site != null) {
            track(name, handle, new HandleTable.Opener(site, null, 0, createdAt(path)), fileKey);
        }
    }

    /** A channel {@code Files.write}/{@code writeString} opened at {@code level} (see {@link WholeFileWrites}). */
    void openedByWholeFileWrite(Path path, String name, Object channel, int level, Object fileKey) {
        track(name, channel, new HandleTable.Opener(null, Thread.currentThread(), level, createdAt(path)), fileKey);
    }

    /** When this thread's last exclusive open created the file at {@code path}: the table's clock before; else NOT_NEW. */
    private long createdAt(Path path) {
        Created created = lastCreated;
        return created != null && created.thread() == Thread.currentThread() && created.path().equals(path)
                ? created.clockBefore() : HandleTable.NOT_NEW;
    }

    private void track(String name, Object handle, HandleTable.Opener opener, Object fileKey) {
        if (handle == null || !tracking()) {
            return;
        }
        // read outside the table's monitor when it is sure to be needed
        Object key = fileKey != null || table.apart(opener) ? fileKey : identify(handle, name);
        table.opened(handle, key, name, opener, kindOf(handle), Thread.currentThread().getName());
    }

    void closed(Object handle) {
        table.closed(handle);
    }

    void locked(Object channel, Object parent, Object lock) {
        table.locked(channel, parent, lock);
    }

    void written(Object handle, Object parent, long position, long length) {
        HandleTable.Conflict conflict = table.written(handle, parent, position, length, Thread.currentThread());
        if (conflict == null || !enabled.test(Rule.FILE_CONCURRENT_WRITE) || conflict.writing().site() == null
                || conflict.other().site() == null || !firstForPair(conflict)) {
            return;
        }
        HandleTable.Handle mine = conflict.writing();
        HandleTable.Handle other = conflict.other();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("path", mine.path);
        if (!other.path.equals(mine.path)) {
            facts.put("other_path", other.path);
        }
        facts.put("other_callsite", other.site().toString());
        facts.put("other_thread", conflict.otherWriter());
        String through = other.path.equals(mine.path) ? "" : " (also reached as " + other.path + ")";
        sink.accept(new Finding(Rule.FILE_CONCURRENT_WRITE, mine.site(), conflict.writer(),
                "Threads '" + conflict.writer() + "' and '" + conflict.otherWriter() + "' write the file " + mine.path + through
                        + " at the same time through two handles, opened at " + mine.site() + " and at " + other.site()
                        + ", with no FileLock between them, so their writes can interleave and overwrite each other; give the"
                        + " file a single writer (one handle behind a lock or a queue), or hold FileChannel.lock() around"
                        + " each write.",
                mine.path, facts));
    }

    /** Run once the application's shutdown hooks are done: every handle still open is reported at its opening site. */
    void checkAtExit() {
        if (!enabled.test(Rule.FILE_OPEN_AT_EXIT)) {
            return;
        }
        for (HandleTable.Handle handle : table.stillOpen()) {
            if (handle.reportedOpen || handle.site() == null) {
                continue;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("path", handle.path);
            facts.put("handle", handle.kind);
            sink.accept(new Finding(Rule.FILE_OPEN_AT_EXIT, handle.site(), handle.thread,
                    "The file " + handle.path + " opened here for writing (" + handle.kind + ") is still open at JVM"
                            + " shutdown, after the application's shutdown hooks finished, so data still buffered in front"
                            + " of it may be lost; close it with try-with-resources, or flush and close it in a shutdown hook.",
                    handle.path, facts));
        }
    }

    /**
     * Jython's closer (its "Jython Shutdown Closer" hook, or the interpreter's cleanup) is about to close the files
     * Python code left open: each one opened at a Python call site and still open is reported now, once.
     */
    void checkLeftToJythonCloser() {
        if (!enabled.test(Rule.FILE_OPEN_AT_EXIT)) {
            return;
        }
        for (HandleTable.Handle handle : table.stillOpen()) {
            if (handle.reportedOpen || handle.site() == null || !handle.site().isPython()) {
                continue;
            }
            handle.reportedOpen = true;
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("path", handle.path);
            facts.put("handle", handle.kind);
            facts.put("closedBy", "Jython Shutdown Closer");
            sink.accept(new Finding(Rule.FILE_OPEN_AT_EXIT, handle.site(), handle.thread,
                    "The file " + handle.path + " opened here for writing is still open when the interpreter exits: the"
                            + " script never closed it, so what was written to it is flushed only by Jython's shutdown"
                            + " closer and lost on a hard kill (SIGKILL, OOM killer, a crash); use 'with open(...) as f:'"
                            + " or close it in a finally block.",
                    handle.path, facts));
        }
    }

    /** True the first time this pair of call sites (in either order) races. */
    boolean firstForPair(HandleTable.Conflict conflict) {
        String a = conflict.writing().site().toString();
        String b = conflict.other().site().toString();
        String key = a.compareTo(b) <= 0 ? a + '\n' + b : b + '\n' + a;
        if (reportedPairs.contains(key)) {
            return false;
        }
        if (reportedPairs.size() >= MAX_PAIRS) {
            return true;
        }
        return reportedPairs.add(key);
    }

    /** The identity of the file an open handle is on: through its descriptor where it can, else through its path. */
    static Object identify(Object handle, String path) {
        Object key = Descriptors.identity(handle);
        return key != null ? key : fileKey(Path.of(path));
    }

    /** The file's identity: device and inode where the platform gives them, else the normalised absolute path. */
    static Object fileKey(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (key != null) {
                return key;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the path
        }
        return path.normalize().toString();
    }

    static String kindOf(Object handle) {
        if (handle instanceof FileOutputStream) {
            return "FileOutputStream";
        }
        if (handle instanceof RandomAccessFile) {
            return "RandomAccessFile";
        }
        if (handle instanceof FileChannel) {
            return "FileChannel";
        }
        if (handle instanceof AsynchronousFileChannel) {
            return "AsynchronousFileChannel";
        }
        return handle.getClass().getSimpleName();
    }
}
