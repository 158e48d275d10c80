package dev.jvmaudit.bootstrap;

import java.io.File;

/**
 * Called by application code right before the calls the agent tags in it, a file open or an HTTP send: the call's
 * own site, a constant, waits here with the call's first argument for the hook the call reaches, which then needs no
 * stack walk. The hook takes it only if that argument is the one it sees (the path, the request), so a tag left
 * behind by a call that failed before its hook is never taken by another call's hook.
 */
public final class SiteTags {

    public static final int FILE = 0;
    public static final int HTTP = 2;

    /** Per thread: [kind] the tagged call's first argument, [kind + 1] its site. */
    private static final ThreadLocal<Object[]> WAITING = new ThreadLocal<Object[]>() {
        @Override
        protected Object[] initialValue() {
            return new Object[4];
        }
    };

    private SiteTags() {
    }

    /** {@code site}: class, method, source file (empty when unknown) and line, each ending with a newline. */
    public static void file(Object firstArgument, String site) {
        Object[] waiting = WAITING.get();
        waiting[FILE] = firstArgument;
        waiting[FILE + 1] = site;
    }

    public static void http(Object firstArgument, String site) {
        Object[] waiting = WAITING.get();
        waiting[HTTP] = firstArgument;
        waiting[HTTP + 1] = site;
    }

    /**
     * The site waiting for a hook of this kind on this thread when its call is the one that hook sees ({@code seen}
     * is the tagged call's first argument, or for a {@code java.io.File} its path); else null. Taking it removes it.
     */
    static String take(int kind, Object seen) {
        Object[] waiting = WAITING.get();
        Object argument = waiting[kind];
        String site = (String) waiting[kind + 1];
        waiting[kind] = null;
        waiting[kind + 1] = null;
        if (site == null || seen == null) {
            return null;
        }
        // File.class exactly: a subclass's getPath is application code
        return argument == seen || (argument != null && argument.getClass() == File.class && ((File) argument).getPath() == seen)
                ? site : null;
    }
}
