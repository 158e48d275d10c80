package dev.jvmaudit.bootstrap;

import java.util.function.BiConsumer;

/**
 * Re-entrancy guard shared by every bridge: while a thread runs agent code, the hooks it triggers
 * (its own log file, class loading, metrics) are ignored. Loaded by the boot loader; JDK types only.
 */
public final class Guard {

    /**
     * Per thread: [0] whether agent code runs; [1..3] slots of {@link FileBridge}, [4] of {@link HttpBridge}, so that a
     * hook looks up one thread-local.
     */
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[5];
        }
    };

    /** Receives the agent's own failures that escaped a hook: (hook family, error). */
    public static volatile BiConsumer<String, Throwable> errors;

    private Guard() {
    }

    /** Enters agent code; false when this thread is already inside it. Pair a true with {@link #exit()}. */
    public static boolean enter() {
        int[] depth = DEPTH.get();
        if (depth[0] != 0) {
            return false;
        }
        depth[0] = 1;
        return true;
    }

    public static void exit() {
        DEPTH.get()[0] = 0;
    }

    /** The calling thread's slots, for {@link #enter(int[])} and {@link #exit(int[])} and the file bridge's own. */
    static int[] slots() {
        return DEPTH.get();
    }

    /** {@link #enter()} with the slots already at hand. */
    static boolean enter(int[] slots) {
        if (slots[0] != 0) {
            return false;
        }
        slots[0] = 1;
        return true;
    }

    static void exit(int[] slots) {
        slots[0] = 0;
    }

    /** Marks the calling thread as the agent's own for the rest of its life. */
    public static void ownThread() {
        DEPTH.get()[0] = 1;
    }

    public static boolean inside() {
        return DEPTH.get()[0] != 0;
    }

    public static void failed(String family, Throwable error) {
        BiConsumer<String, Throwable> sink = errors;
        if (sink != null) {
            try {
                sink.accept(family, error);
            } catch (Throwable ignored) {
                // the error counter itself failed: nothing left to tell
            }
        }
    }
}
