package dev.jvmaudit.agent.report;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FoldingTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Folding folding = new Folding(now::get);

    @Test
    void firstOccurrenceLogsThenAtMostOncePerMinuteWithTheCount() {
        assertEquals(1, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
        assertEquals(0, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
        now.addAndGet(Folding.INTERVAL_NANOS - 1);
        assertEquals(0, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
        now.addAndGet(1);
        assertEquals(4, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
        assertEquals(0, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
    }

    @Test
    void ruleAndCallSiteAreTheKey() {
        assertEquals(1, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:1)"));
        assertEquals(1, folding.occurrence(Rule.FILE_PERMISSIVE, "A.a(A.java:2)"));
        assertEquals(1, folding.occurrence(Rule.FILE_INSECURE_TEMP, "A.a(A.java:1)"));
        assertEquals(3, folding.size());
    }

    @Test
    void tableIsBounded() {
        for (int i = 0; i < Folding.MAX_ENTRIES + 500; i++) {
            folding.occurrence(Rule.PROCESS_SHELL, "Gen.m(Gen.java:" + i + ")");
        }
        assertEquals(Folding.MAX_ENTRIES + 1, folding.size());
    }
}
