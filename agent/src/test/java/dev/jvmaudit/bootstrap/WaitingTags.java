package dev.jvmaudit.bootstrap;

/** Reads the tag waiting on this thread without taking it. */
public final class WaitingTags {

    private WaitingTags() {
    }

    public static String file() {
        String site = SiteTags.take(SiteTags.FILE);
        SiteTags.file(site);
        return site;
    }
}
