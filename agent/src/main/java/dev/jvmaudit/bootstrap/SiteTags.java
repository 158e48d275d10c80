package dev.jvmaudit.bootstrap;

/**
 * Called by application code right before (and after) the calls the agent tags in it, a file open or an HTTP send:
 * the call's own site, a constant, waits here for the hook the call reaches, which then needs no stack walk. A tag
 * is taken by the first hook of its kind, or dropped when the call returns; only a call that throws before reaching
 * its hook leaves one behind, for its thread's next untagged call of that kind to take.
 */
public final class SiteTags {

    public static final int FILE = 0;
    public static final int HTTP = 1;

    private static final ThreadLocal<String[]> WAITING = new ThreadLocal<String[]>() {
        @Override
        protected String[] initialValue() {
            return new String[2];
        }
    };

    private SiteTags() {
    }

    /** {@code site}: class, method, source file (empty when unknown) and line, each ending with a newline. */
    public static void file(String site) {
        WAITING.get()[FILE] = site;
    }

    public static void http(String site) {
        WAITING.get()[HTTP] = site;
    }

    public static void fileDone() {
        WAITING.get()[FILE] = null;
    }

    public static void httpDone() {
        WAITING.get()[HTTP] = null;
    }

    /** The tag waiting for a hook of this kind on this thread, or null; taking it removes it. */
    static String take(int kind) {
        String[] waiting = WAITING.get();
        String site = waiting[kind];
        waiting[kind] = null;
        return site;
    }
}
