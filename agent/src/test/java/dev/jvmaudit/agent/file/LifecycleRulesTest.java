package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleRulesTest {

    private static final CallSite A = new CallSite("com.acme.Store", "save", "Store.java", 10);
    private static final CallSite B = new CallSite("com.acme.Journal", "append", "Journal.java", 20);
    private static final CallSite C = new CallSite("com.acme.Backup", "copy", "Backup.java", 30);

    private final List<Finding> findings = new ArrayList<>();
    private final Set<Rule> enabled = EnumSet.allOf(Rule.class);
    private final AtomicInteger shared = new AtomicInteger();
    private final LifecycleRules rules = new LifecycleRules(enabled::contains, findings::add, shared::set);

    @TempDir
    Path dir;

    /** Opens a handle at a call site on thread {@code name}, as the open hook would. */
    private Object open(Path file, CallSite site) {
        Object handle = new Object();
        rules.opened(file, file.toString(), handle, CallSites.Capture.of(site), null);
        return handle;
    }

    /** One write through the handle, on a thread of this name. */
    private void write(Object handle, String thread) throws InterruptedException {
        Thread t = new Thread(() -> rules.written(handle, null, -1, 1), thread);
        t.start();
        t.join();
    }

    @Test
    void aPairOfCallSitesIsReportedOnceInEitherOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("journal"), "");
        for (int round = 0; round < 3; round++) {
            Object a = open(file, round % 2 == 0 ? A : B);
            Object b = open(file, round % 2 == 0 ? B : A);
            write(a, "w1");
            write(b, "w2");
            write(a, "w1");
            rules.closed(a);
            rules.closed(b);
        }
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(Rule.FILE_CONCURRENT_WRITE, f.rule());
        assertEquals(B, f.callSite());
        assertEquals("w2", f.thread());
        assertEquals(A.toString(), f.facts().get("other_callsite"));
        assertEquals("w1", f.facts().get("other_thread"));
        assertEquals(file.toString(), f.facts().get("path"));
        assertEquals(file.toString(), f.subject());
        assertEquals(0, shared.get());

        Object a = open(file, A);
        Object c = open(file, C);
        write(a, "w1");
        write(c, "w3");
        assertEquals(2, findings.size(), "a new pair of call sites is a new finding");
    }

    @Test
    void oneCallSiteRunByTwoThreadsIsAPairToo() throws Exception {
        Path file = Files.writeString(dir.resolve("journal"), "");
        Object a1 = open(file, A);
        Object a2 = open(file, A);
        write(a1, "w1");
        write(a2, "w2");
        assertEquals(1, findings.size());
        assertEquals(A.toString(), findings.get(0).facts().get("other_callsite"));
    }

    @Test
    void aNewFileReopenedOrReachedThroughALinkIsStillFoundShared() throws Exception {
        Object log = open(Files.writeString(dir.resolve("log"), ""), C);
        Path state = dir.resolve("state.tmp");
        rules.createdExclusively(state, rules.clock());
        Files.writeString(state, "");
        Object first = open(state, A);
        assertEquals(0, shared.get());
        Object again = open(state, A);
        write(first, "w1");
        write(again, "w2");
        assertEquals(1, findings.size(), "the second open of the same thread is not taken for a new file");

        Path other = dir.resolve("other.tmp");
        rules.createdExclusively(other, rules.clock());
        Files.writeString(other, "");
        Object mine = open(other, A);
        Path link = Files.createLink(dir.resolve("other.link"), other);
        Object linked = open(link, B);
        write(mine, "w1");
        write(linked, "w2");
        assertEquals(2, findings.size(), "another name for it is identified with it");
        rules.closed(log);
    }

    @Test
    void twoSpellingsOfOneFileAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("journal"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        Object a = open(file, A);
        Object b = open(link, B);
        write(a, "w1");
        write(b, "w2");
        assertEquals(1, findings.size());
        assertEquals(link.toString(), findings.get(0).facts().get("path"));
        assertEquals(file.toString(), findings.get(0).facts().get("other_path"));
    }

    @Test
    void handlesStillOpenAtExitAreReportedAtTheirOpeningSite() throws Exception {
        Path kept = Files.writeString(dir.resolve("kept"), "");
        Path closed = Files.writeString(dir.resolve("closed"), "");
        Object k = open(kept, A);
        Object c = open(closed, B);
        rules.closed(c);
        rules.checkAtExit();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(Rule.FILE_OPEN_AT_EXIT, f.rule());
        assertEquals(A, f.callSite());
        assertEquals(Thread.currentThread().getName(), f.thread());
        assertEquals(kept.toString(), f.facts().get("path"));
        assertEquals("Object", f.facts().get("handle"));
        assertTrue(f.message().contains(kept.toString()));
        assertTrue(k != null);
    }

    @Test
    void noApplicationFrameMeansNotTracked() throws Exception {
        Path file = Files.writeString(dir.resolve("jdk-own"), "");
        rules.opened(file, file.toString(), new Object(), null, null);
        rules.checkAtExit();
        assertEquals(List.of(), findings);
        assertEquals(0, rules.table().size());
    }

    @Test
    void disabledRulesTrackNothing() throws Exception {
        enabled.remove(Rule.FILE_CONCURRENT_WRITE);
        enabled.remove(Rule.FILE_OPEN_AT_EXIT);
        Path file = Files.writeString(dir.resolve("journal"), "");
        open(file, A);
        open(file, B);
        assertEquals(0, rules.table().size());
        assertEquals(0, shared.get());
    }

    @Test
    void openAtExitAloneStillTracks() throws Exception {
        enabled.remove(Rule.FILE_CONCURRENT_WRITE);
        Path file = Files.writeString(dir.resolve("journal"), "");
        Object a = open(file, A);
        Object b = open(file, B);
        write(a, "w1");
        write(b, "w2");
        rules.checkAtExit();
        assertEquals(2, findings.size());
        assertTrue(findings.stream().allMatch(f -> f.rule() == Rule.FILE_OPEN_AT_EXIT));
    }
}
