package dev.jvmaudit.bootstrap;

/** Called by advice inlined into the JDK's file classes; forwards to the agent's file rules. */
public final class FileBridge {

    public static final int WRITE = 1;
    public static final int APPEND = 2;
    public static final int CREATE = 4;
    public static final int CREATE_NEW = 8;
    public static final int TRUNCATE = 16;

    /** The agent side, typed only with JDK types. */
    public interface Hooks {
        /**
         * Before a file is opened; returns a token for {@link #opened}, or null when nothing is to be judged. {@code site}
         * is the open's own call site when the application's call was tagged with it ({@link SiteTags}), else null.
         */
        Object opening(Object path, int flags, String site);

        /**
         * Before a channel is opened with NIO options ({@code Set<OpenOption>}); {@code attributes} its {@code
         * FileAttribute[]}, or null when it was given none (a file it creates gets {@code 0666} before the umask);
         * {@code wholeFileWriteLevel} is not 0 when {@code Files.write}/{@code writeString} opens it, and is then how
         * many calls of theirs this thread is in.
         */
        Object openingChannel(Object path, Object options, Object attributes, int wholeFileWriteLevel, String site);

        void opened(Object token, Object handle);

        /** A file or directory was created by a call that is not an open (mkdir, createNewFile, copy). */
        void created(Object path, boolean directory, boolean exclusive);

        /** {@code source} was moved (renamed) to {@code target}, or, {@code link}, {@code target} made a hard link to it. */
        void moved(Object source, Object target, boolean link);

        void permissionsChanged(Object path);

        /**
         * A write through a handle ({@code FileOutputStream}, {@code RandomAccessFile}, {@code FileChannel},
         * {@code AsynchronousFileChannel}); {@code parent} is the stream a {@code getChannel()} channel belongs to (or
         * null), {@code position} is -1 for "at the handle's current position".
         */
        void written(Object handle, Object parent, long position, long length);

        /** A {@code FileLock} (or null when {@code tryLock} failed) was taken on a channel. */
        void locked(Object channel, Object parent, Object lock);

        /** A handle was closed (any handle: the agent ignores those it does not track). */
        void closed(Object handle);
    }

    public static volatile Hooks hooks;

    /**
     * How many files are open for writing through more than one handle right now. Every write advice reads this one
     * volatile field and returns when it is 0, so the common case costs no call, no lookup and no allocation.
     */
    public static volatile int sharedFiles;

    /** The class of the default file system's paths: only their {@code Files.write} opens a channel of that file system. */
    public static volatile Class<?> defaultPathClass;

    /**
     * Slots of the thread's {@link Guard#slots()}: [OPEN_DEPTH] opens nested inside a hooked open (JDK 25's
     * newByteChannel calls newFileChannel) are the same open; [WRITE_LEVEL] calls of {@code Files.write}/{@code
     * writeString} under way; [WRITE_ARMED] 1 from the entry into such a call until the channel it opens, which it
     * closes before it returns.
     */
    private static final int OPEN_DEPTH = 1;
    private static final int WRITE_LEVEL = 2;
    private static final int WRITE_ARMED = 3;

    private FileBridge() {
    }

    /** Before an open; every call is paired with one {@link #opened} call by the advice. */
    public static Object opening(Object path, int flags) {
        int[] slots = Guard.slots();
        if (slots[OPEN_DEPTH]++ != 0) {
            return null;
        }
        Hooks h = hooks;
        if (h == null || !Guard.enter(slots)) {
            return null;
        }
        // after the guard: a file the agent itself opens (its cache, its log) leaves the application's tag waiting
        String site = SiteTags.take(SiteTags.FILE, path);
        try {
            return h.opening(path, flags, site);
        } catch (Throwable t) {
            Guard.failed("file", t);
            return null;
        } finally {
            Guard.exit(slots);
        }
    }

    /**
     * Before a channel open; paired with {@link #opened} like {@link #opening}. {@code attributes}: the open's third
     * argument, the {@code FileAttribute[]} of {@code newByteChannel} and {@code newFileChannel} (an empty one is not
     * handed on, so that the array the JDK may never allocate does not escape).
     */
    public static Object openingChannel(Object path, Object options, Object attributes) {
        int[] slots = Guard.slots();
        if (slots[OPEN_DEPTH]++ != 0) {
            return null;
        }
        int wholeFileWriteLevel = slots[WRITE_ARMED] != 0 ? slots[WRITE_LEVEL] : 0;
        slots[WRITE_ARMED] = 0;
        Hooks h = hooks;
        if (h == null || !Guard.enter(slots)) {
            return null;
        }
        // after the guard: a file the agent itself opens (its cache, its log) leaves the application's tag waiting
        String site = SiteTags.take(SiteTags.FILE, path);
        try {
            Object given = attributes instanceof Object[] array && array.length == 0 ? null : attributes;
            return h.openingChannel(path, options, given, wholeFileWriteLevel, site);
        } catch (Throwable t) {
            Guard.failed("file", t);
            return null;
        } finally {
            Guard.exit(slots);
        }
    }

    public static void opened(Object token, Object handle, Throwable failure) {
        int[] slots = Guard.slots();
        slots[OPEN_DEPTH]--;
        Hooks h = hooks;
        if (token == null || failure != null || h == null || !Guard.enter(slots)) {
            return;
        }
        try {
            h.opened(token, handle);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit(slots);
        }
    }

    /**
     * Entering {@code Files.write} or {@code writeString} (any overload): the next channel this thread opens is the one
     * that call writes and closes before it returns (they open it before they run any application code, except a
     * custom {@code Charset}'s {@code newEncoder}).
     */
    public static void enteringWholeFileWrite(Object path) {
        int[] slots = Guard.slots();
        slots[WRITE_LEVEL]++;
        slots[WRITE_ARMED] = path != null && path.getClass() == defaultPathClass ? 1 : 0;
    }

    public static void leftWholeFileWrite() {
        int[] slots = Guard.slots();
        if (slots[WRITE_LEVEL] > 0) {
            slots[WRITE_LEVEL]--;
        }
        slots[WRITE_ARMED] = 0;
    }

    public static void created(Object path, boolean directory, boolean exclusive) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.created(path, directory, exclusive);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit();
        }
    }

    public static void moved(Object source, Object target, boolean link) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.moved(source, target, link);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit();
        }
    }

    public static void permissionsChanged(Object path) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.permissionsChanged(path);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit();
        }
    }

    /** A write; the advice calls it only when {@link #sharedFiles} is not 0. */
    public static void written(Object handle, Object parent, long position, long length) {
        Hooks h = hooks;
        if (h == null || !Guard.enter()) {
            return;
        }
        try {
            h.written(handle, parent, position, length);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit();
        }
    }

    /** A gathering write ({@code FileChannel.write(ByteBuffer[], int, int)}); only when {@link #sharedFiles} is not 0. */
    public static void writtenGather(Object handle, Object parent, java.nio.ByteBuffer[] sources, int offset, int count) {
        long length = 0;
        if (sources != null) {
            for (int i = offset; i >= 0 && i < offset + count && i < sources.length; i++) {
                java.nio.ByteBuffer b = sources[i];
                if (b != null) {
                    length += b.remaining();
                }
            }
        }
        written(handle, parent, -1L, length);
    }

    public static void locked(Object channel, Object parent, Object lock) {
        Hooks h = hooks;
        if (lock == null || h == null || !Guard.enter()) {
            return;
        }
        try {
            h.locked(channel, parent, lock);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit();
        }
    }

    public static void closed(Object handle) {
        Hooks h = hooks;
        if (h == null) {
            return;
        }
        int[] slots = Guard.slots();
        if (!Guard.enter(slots)) {
            return;
        }
        try {
            h.closed(handle);
        } catch (Throwable t) {
            Guard.failed("file", t);
        } finally {
            Guard.exit(slots);
        }
    }
}
