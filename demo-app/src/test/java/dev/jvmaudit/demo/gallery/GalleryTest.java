package dev.jvmaudit.demo.gallery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GalleryTest {

    /** Every rule id of RULES.md, in its order. */
    static final List<String> RULES = List.of(
            "http.unchecked-status", "http.cleartext", "http.no-timeout", "tls.trust-all", "tls.any-hostname",
            "file.permissive", "file.insecure-temp", "file.concurrent-write", "file.open-at-exit",
            "thread.uncaught-death", "thread.deadlock", "thread.abandoned-at-exit", "shutdown.hook-slow",
            "shutdown.hook-failed", "shutdown.exit-in-hook", "process.shell");

    @Test
    void oneScenarioPerRule() {
        List<String> rules = Gallery.SCENARIOS.stream().map(Scenario::rule).sorted().toList();
        assertEquals(RULES.stream().sorted().toList(), rules);
    }

    @Test
    void allLeavesOutOnlyTheBadCaseThatHangsTheJvm() {
        List<String> bad = Gallery.select("all", false).stream().map(Scenario::rule).toList();
        assertEquals(RULES.size() - 1, bad.size());
        assertFalse(bad.contains("shutdown.exit-in-hook"));
        assertEquals(RULES.size(), Gallery.select("all", true).size());
    }

    @Test
    void exitTimeScenariosRunLast() {
        List<String> order = Gallery.SCENARIOS.stream().map(Scenario::rule).toList();
        List<String> last = order.subList(order.size() - 5, order.size());
        assertEquals(List.of("file.open-at-exit", "thread.abandoned-at-exit", "shutdown.hook-slow",
                "shutdown.hook-failed", "shutdown.exit-in-hook"), last);
    }

    @Test
    void aRuleIdSelectsItsScenario() {
        List<Scenario> selected = Gallery.select("process.shell", false);
        assertEquals(1, selected.size());
        assertTrue(selected.get(0) instanceof ShellProcessScenario);
    }
}
