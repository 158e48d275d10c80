package dev.jvmaudit.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SiteTagsTest {

    private static final String SITE = "com.acme.Store\nsave\nStore.java\n42\n";

    @Test
    void aHookTakesTheTagOfTheCallItSees() {
        Path path = Path.of("/srv/state");
        SiteTags.file(path, SITE);
        assertEquals(SITE, SiteTags.take(SiteTags.FILE, path));
        assertNull(SiteTags.take(SiteTags.FILE, path), "taken once");
    }

    @Test
    void aJavaIoFileIsSeenByItsPath() {
        File file = new File("/srv/state");
        SiteTags.file(file, SITE);
        assertEquals(SITE, SiteTags.take(SiteTags.FILE, file.getPath()));

        File subclass = new File("/srv/state") {
        };
        SiteTags.file(subclass, SITE);
        assertNull(SiteTags.take(SiteTags.FILE, subclass.getPath()), "a subclass's getPath is not called by the hook");
    }

    @Test
    void aTagLeftByAFailedCallIsNeverAnotherCallsAndIsDropped() {
        SiteTags.file("/srv/missing-charset.txt", SITE);
        assertNull(SiteTags.take(SiteTags.FILE, "/var/log/library.log"));
        assertNull(SiteTags.take(SiteTags.FILE, "/srv/missing-charset.txt"), "dropped when the other hook looked");
    }

    @Test
    void kindsWaitApart() {
        Object request = new Object();
        SiteTags.http(request, SITE);
        SiteTags.file("/srv/a", "other\nm\n\n1\n");
        assertEquals(SITE, SiteTags.take(SiteTags.HTTP, request));
        assertEquals("other\nm\n\n1\n", SiteTags.take(SiteTags.FILE, "/srv/a"));
    }
}
