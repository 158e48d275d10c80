package dev.jvmaudit.bootstrap;

/** Takes the file tag waiting on this thread, as a hook that sees {@code argument} would. */
public final class WaitingTags {

    private WaitingTags() {
    }

    public static String takeFile(Object argument) {
        return SiteTags.take(SiteTags.FILE, argument);
    }
}
