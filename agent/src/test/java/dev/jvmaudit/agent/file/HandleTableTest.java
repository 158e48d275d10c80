package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandleTableTest {

    private static final CallSite A = new CallSite("com.acme.Store", "save", "Store.java", 10);
    private static final CallSite B = new CallSite("com.acme.Journal", "append", "Journal.java", 20);

    private final AtomicInteger published = new AtomicInteger(-1);
    /** The paths whose handles were identified, in order; every path here is its own file but those mapped in {@link #links}. */
    private final List<String> identified = new ArrayList<>();
    private final java.util.Map<String, String> links = new java.util.HashMap<>();
    private final HandleTable table = new HandleTable(published::set, (handle, path) -> {
        identified.add(path);
        return links.getOrDefault(path, path);
    });
    private final Thread t1 = new Thread("t1");
    private final Thread t2 = new Thread("t2");

    /** Two objects equal to each other are still two handles. */
    static final class Equal {
        @Override
        public boolean equals(Object o) {
            return o instanceof Equal;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void handlesAreKeyedByIdentityNotEquality() {
        Equal first = new Equal();
        Equal second = new Equal();
        table.opened(first, "file", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "FileOutputStream", "main");
        table.opened(second, "file", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "FileOutputStream", "main");
        assertEquals(2, table.size());
        assertEquals(1, published.get());
        table.closed(new Equal());
        assertEquals(2, table.size(), "an equal but different object closes nothing");
        table.closed(second);
        assertEquals(1, table.size());
        assertSame(first, table.stillOpen().get(0).get());
        assertEquals(0, published.get());
    }

    @Test
    void aLoneHandleIsIdentifiedOnlyWhenASecondOneOpens() {
        Object h1 = new Object();
        Object h2 = new Object();
        table.opened(h1, null, "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        assertEquals(List.of(), identified, "nothing else open: no identity read");
        assertEquals(1, table.fileCount());
        assertNull(table.written(h1, null, -1, 1, t1));
        table.opened(h2, null, "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertEquals(List.of("/f", "/f"), identified, "the first one's file, then the second's");
        assertEquals(1, published.get(), "both are on one file");
        assertNull(table.written(h1, null, -1, 1, t1));
        assertNotNull(table.written(h2, null, -1, 1, t2));
    }

    @Test
    void aLoneHandleIsFoundSharedThroughAnotherName() {
        links.put("/link", "/f");
        Object h1 = new Object();
        Object h2 = new Object();
        Object h3 = new Object();
        table.opened(h1, null, "/link", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        table.opened(h2, "/f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertEquals(List.of("/link"), identified, "the second open's key came read");
        assertEquals(1, table.sharedFiles());
        table.opened(h3, null, "/g", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        assertEquals(List.of("/link", "/g"), identified, "with others open, a new handle is identified at once");
        assertEquals(2, table.fileCount());
        table.written(h1, null, -1, 1, t1);
        assertNotNull(table.written(h2, null, -1, 1, t2));
    }

    @Test
    void aLoneHandleClosedIsNeverIdentified() {
        for (int i = 0; i < 3; i++) {
            Object handle = new Object();
            table.opened(handle, null, "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
            assertEquals(1, table.fileCount());
            table.closed(handle);
            assertEquals(0, table.fileCount());
            assertEquals(0, table.size());
        }
        assertEquals(List.of(), identified);
    }

    private HandleTable.Opener createdAt(long clock) {
        return new HandleTable.Opener(CallSites.Capture.of(A), null, 0, clock);
    }

    @Test
    void aFileCreatedAfterEveryOpenHandleIsNotIdentifiedUntilAHandleThatMayShareItOpens() {
        Object log = new Object();
        table.opened(log, null, "/log", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        long created = table.now();
        Object fresh = new Object();
        assertTrue(table.apart(createdAt(created)));
        table.opened(fresh, null, "/state.tmp", createdAt(created), "k", "t1");
        assertEquals(List.of(), identified, "neither the lone log nor the new file");
        assertEquals(2, table.fileCount());
        long second = table.now();
        Object fresher = new Object();
        table.opened(fresher, null, "/other.tmp", createdAt(second), "k", "t2");
        assertEquals(List.of(), identified, "another new file joins none of them either");
        Object reopened = new Object();
        table.opened(reopened, null, "/state.tmp", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertEquals(4, identified.size(), "a file not known to be new: every pending one, then its own");
        assertTrue(identified.containsAll(List.of("/log", "/state.tmp", "/other.tmp")));
        assertEquals(1, table.sharedFiles(), "the reopen shares the new file");
        table.written(fresh, null, -1, 1, t1);
        assertNotNull(table.written(reopened, null, -1, 1, t2));
    }

    @Test
    void aFileCreatedBeforeTheLastHandleWasAddedMayBeShared() {
        long created = table.now();
        Object other = new Object();
        table.opened(other, null, "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t2");
        assertFalse(table.apart(createdAt(created)), "that handle may be on the new file");
        Object fresh = new Object();
        table.opened(fresh, null, "/f", createdAt(created), "k", "t1");
        assertEquals(List.of("/f", "/f"), identified);
        assertEquals(1, table.sharedFiles());
    }

    @Test
    void aPendingHandleClosedLeavesNothingBehind() {
        Object log = new Object();
        table.opened(log, null, "/log", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        for (int i = 0; i < 3; i++) {
            Object fresh = new Object();
            table.opened(fresh, null, "/state.tmp", createdAt(table.now()), "k", "t1");
            table.closed(fresh);
        }
        assertEquals(1, table.fileCount());
        assertEquals(List.of(), identified);
    }

    @Test
    void closingInAnyOrderEmptiesTheTableAndTheSharedCount() {
        Object h1 = new Object();
        Object h2 = new Object();
        Object h3 = new Object();
        Object other = new Object();
        table.opened(h1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        table.opened(h2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        table.opened(h3, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        table.opened(other, "g", "/g", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        assertEquals(1, table.sharedFiles());
        assertEquals(2, table.fileCount());
        table.closed(h2);
        assertEquals(1, published.get());
        table.closed(h1);
        assertEquals(0, published.get());
        table.closed(h1);
        table.closed(h3);
        table.closed(other);
        assertEquals(0, table.size());
        assertEquals(0, table.fileCount());
        assertEquals(0, table.sharedFiles());
    }

    @Test
    void handlesCollectedWithoutCloseLeaveTheTable() throws InterruptedException {
        Object kept = new Object();
        table.opened(kept, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        openAndDrop();
        assertEquals(1, published.get());
        for (int i = 0; i < 100 && table.size() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, table.size(), "the table did not keep the dropped handle alive");
        assertEquals(0, published.get(), "and the shared count went back");
        assertEquals(1, table.stillOpen().size());
        assertSame(kept, table.stillOpen().get(0).get());
    }

    private void openAndDrop() {
        table.opened(new Object(), "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "main");
    }

    @Test
    void aPairFiresOnlyWhenTwoThreadsWriteWhileBothAreOpen() {
        Object h1 = new Object();
        Object h2 = new Object();
        table.opened(h1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        assertNull(table.written(h1, null, -1, 1, t1), "alone on its file");
        table.opened(h2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertNull(table.written(h1, null, -1, 1, t1), "the other handle has not written yet");
        assertNull(table.written(h1, null, -1, 1, t1));
        HandleTable.Conflict conflict = table.written(h2, null, -1, 1, t2);
        assertNotNull(conflict);
        assertSame(h2, conflict.writing().get());
        assertSame(h1, conflict.other().get());
        assertEquals("t2", conflict.writer());
        assertEquals("t1", conflict.otherWriter());
        assertEquals(B, conflict.writing().site());
        assertNull(table.written(h1, null, -1, 1, t1), "each pair of handles is judged once");
        assertNull(table.written(h2, null, -1, 1, t2));
    }

    @Test
    void oneThreadWritingTwoHandlesIsNotARace() {
        Object h1 = new Object();
        Object h2 = new Object();
        table.opened(h1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        table.opened(h2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t1");
        assertNull(table.written(h1, null, -1, 1, t1));
        assertNull(table.written(h2, null, -1, 1, t1));
    }

    @Test
    void writesBeforeTheOtherOpenedDoNotCount() {
        Object h1 = new Object();
        Object h2 = new Object();
        Object h3 = new Object();
        table.opened(h1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        table.opened(h2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertNull(table.written(h2, null, -1, 1, t2));
        table.closed(h1);
        table.opened(h3, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        assertNull(table.written(h3, null, -1, 1, t1), "h2 wrote before h3 was opened");
        assertNotNull(table.written(h2, null, -1, 1, t2), "now both wrote while the other was open");
    }

    @Test
    void differentFilesNeverRace() {
        Object h1 = new Object();
        Object h2 = new Object();
        table.opened(h1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        table.opened(h2, "g", "/g", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        assertEquals(0, table.sharedFiles());
        table.written(h1, null, -1, 1, t1);
        assertNull(table.written(h2, null, -1, 1, t2));
    }

    @Test
    void aStreamsChannelWritesAsTheStream() {
        Object stream = new Object();
        Object channel = new Object();
        Object h2 = new Object();
        table.opened(stream, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "t1");
        table.opened(h2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "k", "t2");
        table.written(channel, stream, -1, 1, t1);
        assertNotNull(table.written(h2, null, -1, 1, t2));
    }

    @Test
    void writesUnderACoveringExclusiveLockAreNotRacy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        try (FileChannel c1 = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileChannel c2 = FileChannel.open(file, StandardOpenOption.WRITE)) {
            table.opened(c1, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(A)), "FileChannel", "t1");
            table.opened(c2, "f", "/f", HandleTable.Opener.at(CallSites.Capture.of(B)), "FileChannel", "t2");
            try (FileLock lock = c1.lock()) {
                table.locked(c1, null, lock);
                assertNull(table.written(c1, null, -1, 1, t1));
            }
            try (FileLock lock = c2.lock(0, 10, false)) {
                table.locked(c2, null, lock);
                assertNull(table.written(c2, null, 5, 5, t2), "inside the locked range");
                assertNull(table.written(c2, null, -1, 1, t2), "at the channel's position 0");
                assertNull(table.written(c2, null, 8, 5, t2), "beyond the range: recorded as an unlocked write");
            }
            assertNotNull(table.written(c1, null, -1, 1, t1), "released: c1's unlocked write races c2's");
        }
    }

    @Test
    void stillOpenListsTheOpenHandlesInOpeningOrder() {
        List<Object> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(new Object());
            table.opened(handles.get(i), "f" + i, "/f" + i, HandleTable.Opener.at(CallSites.Capture.of(A)), "k", "main");
        }
        table.closed(handles.get(1));
        table.closed(handles.get(3));
        List<HandleTable.Handle> open = table.stillOpen();
        assertEquals(3, open.size());
        assertSame(handles.get(0), open.get(0).get());
        assertSame(handles.get(2), open.get(1).get());
        assertSame(handles.get(4), open.get(2).get());
    }

    @Test
    void linksAndSpellingsOfOneFileHaveOneKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "x");
        Path hard = Files.createLink(dir.resolve("hard"), file);
        Path symbolic = Files.createSymbolicLink(dir.resolve("symbolic"), file);
        Object key = LifecycleRules.fileKey(file);
        assertEquals(key, LifecycleRules.fileKey(hard));
        assertEquals(key, LifecycleRules.fileKey(symbolic));
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(key, LifecycleRules.fileKey(dir.resolve("sub/../data")));
        assertNotEquals(key, LifecycleRules.fileKey(Files.writeString(dir.resolve("other"), "y")));
    }
}
