package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * Every handle the application holds open for writing, keyed by the handle's identity, grouped by the identity of
 * the file it is open on (device and inode, so two spellings or links of one file are one file).
 *
 * <p>A file's identity only matters once a second handle is open beside it: a handle opened into an empty table,
 * or on a file created after every handle in the table was opened, is kept without one (pending) and identified,
 * through its descriptor, when a handle opens beside it on a file not known to be new. So an application that opens,
 * writes and closes one file at a time, or writes each new file through one handle, pays no {@code stat} for this
 * rule.
 *
 * <p>Keys are weak: the table never keeps a stream or channel alive. A handle the garbage collector takes without
 * {@code close()} is expunged through a {@link ReferenceQueue} on the next table update (or the next judged write).
 * Opening and closing take the table's monitor; a write only reads (a lock-free map lookup) and writes two volatile
 * fields of its own handle.
 */
final class HandleTable {

    private static final Handle[] NO_HANDLES = new Handle[0];
    private static final WeakReference<?>[] NO_LOCKS = new WeakReference<?>[0];

    /** One open handle: a weak reference to the application's stream or channel plus what the rules need of it. */
    static final class Handle extends WeakReference<Object> {
        private final int hash;
        final OpenFile file;
        final String path;
        /** Where the application opened it, resolved to a file and line only when a finding names it. */
        private final CallSites.Capture site;
        /** For a channel of {@code Files.write}/{@code writeString} ({@code site} null): the thread in that call, and the call's level. */
        private final Thread wholeFileWriter;
        private final int wholeFileWriteLevel;
        private volatile CallSite wholeFileWriteCaller;
        private volatile boolean wholeFileWriteAsked;
        final String kind;
        final String thread;
        final long openSeq;
        /** The last thread that wrote through this handle without a covering lock, and when (the table's clock). */
        volatile Thread lastWriter;
        volatile long lastWriteSeq;
        /** The peer this handle was last found racing with: repeated writes of one pair are judged once. */
        volatile Handle lastConflict;
        /** {@code FileLock}s (or {@code Future<FileLock>}) taken through this handle, held weakly. */
        volatile WeakReference<?>[] locks = NO_LOCKS;
        volatile boolean open = true;
        /** Already reported as open at exit (when Jython's closer started): not again at the end of run. */
        volatile boolean reportedOpen;

        Handle(Object referent, ReferenceQueue<Object> queue, OpenFile file, String path, Opener opener, String kind,
               String thread, long openSeq) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
            this.file = file;
            this.path = path;
            this.site = opener.site();
            this.wholeFileWriter = opener.wholeFileWriter();
            this.wholeFileWriteLevel = opener.wholeFileWriteLevel();
            this.kind = kind;
            this.thread = thread;
            this.openSeq = openSeq;
        }

        /** Null when the application did not open it (the JDK acting alone), or a whole-file write had ended when asked. */
        CallSite site() {
            if (site != null) {
                return site.site();
            }
            if (!wholeFileWriteAsked) {
                wholeFileWriteCaller = WholeFileWrites.callerOf(wholeFileWriter, wholeFileWriteLevel, () -> open);
                wholeFileWriteAsked = true;
            }
            return wholeFileWriteCaller;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }
    }

    /** A file with at least one open handle. */
    static final class OpenFile {
        /** Null while its one handle is pending; set under the table's monitor. */
        Object key;
        /** The open handles, replaced (never changed in place) under the table's monitor. */
        volatile Handle[] handles = NO_HANDLES;

        OpenFile(Object key) {
            this.key = key;
        }
    }

    /**
     * Who opened a handle: the application at a captured call site, or (with a null {@code site}) a call of
     * {@code Files.write}/{@code writeString} at {@code wholeFileWriteLevel} on the thread {@code wholeFileWriter};
     * {@code createdAt}: the table's {@link #now() clock} read before the file was created (by this open, or by the
     * same thread just before it), or {@link #NOT_NEW}.
     */
    record Opener(CallSites.Capture site, Thread wholeFileWriter, int wholeFileWriteLevel, long createdAt) {
        static Opener at(CallSites.Capture site) {
            return new Opener(site, null, 0, NOT_NEW);
        }
    }

    /** A file not known to have been created after some reading of the table's clock. */
    static final long NOT_NEW = -1;

    /** Two handles of one file written by two threads, each while the other was open, neither under a lock. */
    record Conflict(Handle writing, String writer, Handle other, String otherWriter) {
    }

    /** Looks a handle up by identity; one per thread and reused, so a lookup allocates nothing. */
    private static final class Probe {
        private Object target;
        private int hash;

        Probe aim(Object target) {
            this.target = target;
            this.hash = System.identityHashCode(target);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Handle h && h.get() == target;
        }
    }

    private static final ThreadLocal<Probe> PROBE = ThreadLocal.withInitial(Probe::new);

    private final Map<Object, Handle> handles = new ConcurrentHashMap<>();
    private final Map<Object, OpenFile> files = new HashMap<>();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final AtomicLong clock = new AtomicLong();
    private final IntConsumer sharedFilesChanged;
    private final BiFunction<Object, String, Object> identify;
    private int sharedFiles;
    /** Open handles whose files are not identified yet: none of them shares its file with another open handle. */
    private final Set<Handle> pending = new HashSet<>();
    /** The opening sequence number of the handle added last (closed or not). */
    private volatile long lastAddedSeq;

    /**
     * @param sharedFilesChanged told the number of files open through more than one handle, on every change
     * @param identify reads the identity of the file a handle (opened at a path) is open on
     */
    HandleTable(IntConsumer sharedFilesChanged, BiFunction<Object, String, Object> identify) {
        this.sharedFilesChanged = sharedFilesChanged;
        this.identify = identify;
    }

    /** The table's clock, for {@link Opener#createdAt}. */
    long now() {
        return clock.get();
    }

    /**
     * Whether a handle opened now by {@code opener} would share its file with no open handle, so that its file need not
     * be identified yet (a hint, read without the monitor): the table is empty, or the file was created after every
     * handle in it was opened (a handle on it opens after it exists).
     */
    boolean apart(Opener opener) {
        return handles.isEmpty() || opener.createdAt() != NOT_NEW && opener.createdAt() >= lastAddedSeq;
    }

    /**
     * Records a handle just opened for writing on the file whose identity is {@code fileKey}; a null key is read
     * only when the handle may share its file with another (under the monitor: the table filled since the caller saw it
     * {@link #apart}).
     */
    Handle opened(Object target, Object fileKey, String path, Opener opener, String kind, String thread) {
        synchronized (this) {
            expunge();
            Handle known = find(target);
            if (known != null) {
                return known;
            }
            boolean apart = fileKey == null && apart(opener);
            if (!apart) {
                identifyPending();
                if (fileKey == null) {
                    fileKey = identify.apply(target, path);
                }
            }
            OpenFile file = fileKey == null ? new OpenFile(null) : files.computeIfAbsent(fileKey, OpenFile::new);
            long seq = clock.incrementAndGet();
            Handle handle = new Handle(target, queue, file, path, opener, kind, thread, seq);
            lastAddedSeq = seq;
            if (fileKey == null) {
                pending.add(handle);
            }
            handles.put(handle, handle);
            Handle[] before = file.handles;
            Handle[] after = java.util.Arrays.copyOf(before, before.length + 1);
            after[before.length] = handle;
            file.handles = after;
            if (after.length == 2) {
                sharedFilesChanged.accept(++sharedFiles);
            }
            return handle;
        }
    }

    /** A handle was closed; unknown handles (reads, the JDK's, the agent's) are ignored. */
    void closed(Object target) {
        Handle handle = find(target);
        synchronized (this) {
            if (handle != null) {
                remove(handle); // not cleared (a native call): enqueued later, if ever, it is skipped as closed
            }
            expunge();
        }
    }

    /** A lock taken through a channel (or through the channel of a tracked stream, {@code parent}). */
    void locked(Object channel, Object parent, Object lock) {
        Handle handle = find(channel);
        if (handle == null && parent != null) {
            handle = find(parent);
        }
        if (handle == null) {
            return;
        }
        synchronized (handle) {
            List<WeakReference<?>> kept = new ArrayList<>();
            for (WeakReference<?> held : handle.locks) {
                Object l = held.get();
                if (l != null && !(l instanceof FileLock f && !f.isValid())) {
                    kept.add(held);
                }
            }
            kept.add(new WeakReference<>(lock));
            handle.locks = kept.toArray(NO_LOCKS);
        }
    }

    /**
     * A write through a handle, while some file is open through more than one handle. Returns the racy pair when
     * this write completes one (each pair of handles once), otherwise null.
     */
    Conflict written(Object target, Object parent, long position, long length, Thread writer) {
        expungeQueued();
        Handle handle = find(target);
        if (handle == null && parent != null) {
            handle = find(parent);
        }
        if (handle == null) {
            return null;
        }
        Handle[] peers = handle.file.handles;
        if (peers.length < 2 || !handle.open || covered(handle, position, length)) {
            return null;
        }
        // record first, then look at the others: of two threads writing at once, at least one sees the other
        handle.lastWriter = writer;
        handle.lastWriteSeq = clock.incrementAndGet();
        for (Handle other : peers) {
            if (other == handle) {
                continue;
            }
            long otherSeq = other.lastWriteSeq;
            Thread otherWriter = other.lastWriter;
            if (otherWriter != null && otherWriter != writer && otherSeq > handle.openSeq && other.open
                    && handle.lastConflict != other && other.lastConflict != handle) {
                handle.lastConflict = other;
                return new Conflict(handle, writer.getName(), other, otherWriter.getName());
            }
        }
        return null;
    }

    /** The handles still open (not closed, not collected), in the order they were opened. */
    List<Handle> stillOpen() {
        List<Handle> open = new ArrayList<>();
        synchronized (this) {
            expunge();
            for (Handle h : handles.values()) {
                if (h.open && h.get() != null) {
                    open.add(h);
                }
            }
        }
        open.sort(Comparator.comparingLong(h -> h.openSeq));
        return open;
    }

    synchronized int size() {
        expunge();
        return handles.size();
    }

    synchronized int fileCount() {
        expunge();
        return files.size() + pending.size();
    }

    synchronized int sharedFiles() {
        expunge();
        return sharedFiles;
    }

    Handle find(Object target) {
        if (target == null) {
            return null;
        }
        Probe probe = PROBE.get().aim(target);
        try {
            return handles.get(probe);
        } finally {
            probe.target = null;
        }
    }

    /** Whether a valid exclusive lock taken through this handle covers the write. */
    private static boolean covered(Handle handle, long position, long length) {
        WeakReference<?>[] locks = handle.locks;
        for (WeakReference<?> held : locks) {
            FileLock lock = resolve(held.get());
            if (lock == null || !lock.isValid() || lock.isShared()) {
                continue;
            }
            if (lock.position() == 0 && lock.size() == Long.MAX_VALUE) {
                return true;
            }
            if (position < 0) {
                position = currentPosition(handle.get());
                if (position < 0) {
                    return true; // a lock is held and the position is unknown: give the writer the benefit of the doubt
                }
            }
            long end = length <= 0 ? position : position + length;
            long lockEnd = lock.position() + lock.size();
            if (lockEnd < 0) {
                lockEnd = Long.MAX_VALUE;
            }
            if (position >= lock.position() && end <= lockEnd) {
                return true;
            }
        }
        return false;
    }

    private static FileLock resolve(Object held) {
        if (held instanceof FileLock lock) {
            return lock;
        }
        if (held instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
            try {
                return future.get() instanceof FileLock lock ? lock : null;
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }

    private static long currentPosition(Object handle) {
        try {
            if (handle instanceof FileChannel channel) {
                return channel.position();
            }
            if (handle instanceof RandomAccessFile file) {
                return file.getFilePointer();
            }
            if (handle instanceof java.io.FileOutputStream stream) {
                return stream.getChannel().position();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Called under the monitor, before a handle that may share a file with them is added: no pending handle shares its
     * file with another open one, so each file joins no other. Read through the descriptor; a handle the collector took
     * is dropped instead. Its owner may be closing it meanwhile, and the number reused by another open: the key is then
     * wrong only for a handle that writes no more and that its close hook, waiting for this monitor, removes next.
     */
    private void identifyPending() {
        if (pending.isEmpty()) {
            return;
        }
        Handle[] unidentified = pending.toArray(NO_HANDLES);
        pending.clear();
        for (Handle handle : unidentified) {
            Object target = handle.get();
            if (target == null) {
                remove(handle);
                continue;
            }
            handle.file.key = identify.apply(target, handle.path);
            files.put(handle.file.key, handle.file);
        }
    }

    /** Called under the monitor. */
    private void remove(Handle handle) {
        if (!handle.open) {
            return;
        }
        handle.open = false;
        if (handle.file.key == null) {
            pending.remove(handle);
        }
        handles.remove(handle);
        OpenFile file = handle.file;
        Handle[] before = file.handles;
        Handle[] after = new Handle[Math.max(0, before.length - 1)];
        int n = 0;
        for (Handle h : before) {
            if (h != handle && n < after.length) {
                after[n++] = h;
            }
        }
        file.handles = n == after.length ? after : java.util.Arrays.copyOf(after, n);
        if (before.length >= 2 && file.handles.length < 2) {
            sharedFilesChanged.accept(--sharedFiles);
        }
        if (file.handles.length == 0 && file.key != null) {
            files.remove(file.key);
        }
    }

    /** Called under the monitor: forgets the handles the garbage collector took. */
    private void expunge() {
        Reference<?> collected;
        while ((collected = queue.poll()) != null) {
            remove((Handle) collected);
        }
    }

    private void expungeQueued() {
        Reference<?> collected = queue.poll();
        if (collected != null) {
            synchronized (this) {
                remove((Handle) collected);
                expunge();
            }
        }
    }
}
