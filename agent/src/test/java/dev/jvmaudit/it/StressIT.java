package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Stress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load without loss (issue 10, item 2): {@link Stress} commits a known number of violations from 32 file threads, 8
 * HTTP threads and a stream of short-lived threads; the agent's metric, its exit summary and its log lines must
 * account for every one of them exactly, the run must end within its bound, the agent's tracking tables must go back
 * to their size before the load, and the heap the agent retains must stay under 16 MiB.
 *
 * <p>CI size by default; {@code -Dstress.full=true} runs the full size (32 threads x 20,000 file cycles, 8 threads x
 * 20,000 requests, bounded at 60 s of load):
 * {@code mvn -B -pl agent verify -Dit.test=StressIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dstress.full=true}.
 * Figures are printed and appended to {@code target/stress-figures.txt}.
 */
class StressIT {

    static final boolean FULL = Boolean.getBoolean("stress.full");
    static final int FILE_THREADS = 32;
    static final int CYCLES = FULL ? 20_000 : 500;
    static final int HTTP_THREADS = 8;
    static final int REQUESTS = FULL ? 20_000 : 250;
    static final int BOUND_SECONDS = FULL ? 60 : 25;
    static final long HEAP_LIMIT = 16L << 20;
    static final List<String> RULES = List.of("file.permissive", "http.unchecked-status", "thread.uncaught-death");
    static final Map<String, Set<String>> SITES = Map.of(
            "file.permissive", Set.of("keyStream", "keyNewOutputStream", "keyWrite", "keyRandomAccess"),
            "http.unchecked-status", Set.of("uncheckedSend", "uncheckedSendAsync"),
            "thread.uncaught-death", Set.of("startDying"));
    static final Pattern SUMMARY = Pattern.compile("audit: (\\d+) findings? \\(([^)]*)\\)");
    static final Pattern COMMITTED = Pattern.compile("committed .*");

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void everyViolationIsCountedOnceAndTheAgentLetsGo(Path jdk) throws Exception {
        Phases agent = run(jdk, true);
        Phases none = run(jdk, false);

        // nothing lost, nothing double-counted: the metric after GC, and the exit summary
        for (String rule : RULES) {
            assertEquals(agent.committed.get(rule), agent.scraped.get(rule), rule + " in the metric; " + agent);
            assertEquals(agent.committed.get(rule), agent.summary.get(rule), rule + " in the exit summary; " + agent);
        }
        assertTrue(agent.committed.get("file.permissive") > 0, "the umask must expose the *.key files: " + agent.work);
        assertEquals(agent.committed.values().stream().mapToLong(Long::longValue).sum(), agent.summaryTotal);
        assertEquals(RULES.size(), agent.summary.size(), "no other rule fired: " + agent.summary);
        assertTrue(agent.otherRulesScraped.isEmpty(), "no other rule counted: " + agent.otherRulesScraped);
        assertTrue(agent.work.contains("errors=0"), agent.work);

        // folded as the contract says: per (rule, call site) one line with occurrences=1, then at most one a minute
        Map<String, List<JsonNode>> lines = new TreeMap<>();
        for (JsonNode line : agent.findings) {
            lines.computeIfAbsent(line.get("rule").asText() + " " + line.get("callsite").asText(), k -> new ArrayList<>()).add(line);
        }
        for (String rule : RULES) {
            Set<String> methods = lines.keySet().stream().filter(k -> k.startsWith(rule + " "))
                    .map(k -> k.substring(k.indexOf(' ') + 1)).map(StressIT::method).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(SITES.get(rule)), methods, rule + " call sites");
        }
        assertEquals(7, lines.size(), "only the expected (rule, call site) pairs: " + lines.keySet());
        for (Map.Entry<String, List<JsonNode>> e : lines.entrySet()) {
            List<JsonNode> pair = e.getValue();
            assertEquals(1, pair.get(0).get("occurrences").asLong(), e.getKey());
            for (int i = 1; i < pair.size(); i++) {
                Duration gap = Duration.between(Instant.parse(pair.get(i - 1).get("timestamp").asText()),
                        Instant.parse(pair.get(i).get("timestamp").asText()));
                assertTrue(gap.toSeconds() >= 60, e.getKey() + ": a repeat line within a minute of the previous one");
                assertTrue(pair.get(i).get("occurrences").asLong() > pair.get(i - 1).get("occurrences").asLong(), e.getKey());
            }
            if (!FULL) {
                assertEquals(1, pair.size(), e.getKey() + ": one line within the first minute");
            }
        }

        // the tracking tables are back to their size before the load
        Map<String, Long> grown = new TreeMap<>();
        for (Map.Entry<String, long[]> e : agent.settled.classes.entrySet()) {
            if (e.getKey().startsWith("dev.jvmaudit.")) {
                long before = agent.baseline.instances(e.getKey());
                if (e.getValue()[0] > before + 16) {
                    grown.put(e.getKey(), e.getValue()[0] - before);
                }
            }
        }
        assertEquals(Map.of(), grown, "agent classes with more instances after the load than before it");

        long overhead = agent.settled.totalBytes - none.settled.totalBytes;
        String figures = String.format("%s %s: load %s; committed %s; metric %s; summary %s; %d log lines;"
                        + " agent objects (instances, bytes) baseline %d/%d, during load %s, after load+GC %d/%d, settled %d/%d;"
                        + " live heap settled %d with agent, %d without, overhead %d bytes (%.2f MiB); whole run %.1f s, without agent %.1f s; %s",
                FULL ? "full" : "ci", jdk.getFileName(), agent.work, agent.committed, agent.scraped, agent.summary,
                agent.findings.size(),
                agent.baseline.agentInstances(), agent.baseline.agentBytes(),
                agent.during == null ? "-" : agent.during.agentInstances() + "/" + agent.during.agentBytes(),
                agent.afterGc.agentInstances(), agent.afterGc.agentBytes(), agent.settled.agentInstances(), agent.settled.agentBytes(),
                agent.settled.totalBytes, none.settled.totalBytes, overhead, overhead / 1048576.0, agent.seconds, none.seconds,
                agent.tables());
        System.out.println("STRESS " + figures);
        Files.writeString(Path.of("target/stress-figures.txt"), figures + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(overhead < HEAP_LIMIT, "heap retained by the agent: " + overhead + " bytes");
        assertTrue(agent.settled.agentBytes() < HEAP_LIMIT, figures);
    }

    private static String method(String callsite) {
        String m = callsite.substring(0, callsite.indexOf('('));
        assertTrue(m.startsWith("example.Stress."), callsite);
        return m.substring("example.Stress.".length());
    }

    /** What one run showed between its phases. */
    static final class Phases {
        final Map<String, Long> committed = new TreeMap<>();
        final Map<String, Long> scraped = new TreeMap<>();
        final Map<String, Long> otherRulesScraped = new TreeMap<>();
        final Map<String, Long> summary = new TreeMap<>();
        long summaryTotal;
        String work;
        Histogram baseline;
        Histogram during;
        Histogram afterGc;
        Histogram settled;
        List<JsonNode> findings = List.of();
        double seconds;

        /** Instances of the tracking tables' entry classes at each phase. */
        String tables() {
            StringBuilder s = new StringBuilder("tables (baseline/during/after GC/settled):");
            for (String c : List.of("dev.jvmaudit.agent.file.HandleTable$Handle", "dev.jvmaudit.agent.http.StatusTracker$Tracked",
                    "dev.jvmaudit.agent.http.WeakIdentityMap$Key", "dev.jvmaudit.agent.thread.ThreadRules$Started", "dev.jvmaudit.agent.report.Folding$Entry")) {
                s.append(' ').append(c.substring(c.lastIndexOf('.') + 1)).append(' ')
                        .append(baseline.instances(c)).append('/').append(during == null ? "-" : during.instances(c))
                        .append('/').append(afterGc.instances(c)).append('/').append(settled.instances(c));
            }
            return s.toString();
        }

        @Override
        public String toString() {
            return "committed " + committed + ", scraped " + scraped + ", summary " + summary + ", " + work;
        }
    }

    static Phases run(Path jdk, boolean withAgent) throws Exception {
        AgentRun builder = AgentRun.on(jdk).main(Stress.class, String.valueOf(FILE_THREADS), String.valueOf(CYCLES),
                String.valueOf(HTTP_THREADS), String.valueOf(REQUESTS), String.valueOf(BOUND_SECONDS));
        if (withAgent) {
            builder.agentArgs("thread.deadlock.interval=1s");
        } else {
            builder.withoutAgent();
        }
        long start = System.nanoTime();
        AgentRun.Running run = builder.start();
        Phases p = new Phases();
        OutputStream stdin = run.process().getOutputStream();
        try {
            run.awaitStdout("ready", 60);
            p.baseline = Histogram.of(jdk, run.process().pid());
            say(stdin, "go");
            run.awaitStdout("load-running", 30);
            Thread.sleep(FULL ? 20_000 : 2_000);
            if (!run.stdout().contains("loaded")) {
                p.during = Histogram.of(jdk, run.process().pid());
            }
            // no deadlock: the load ends within its bound (plus the time to join and collect)
            run.awaitStdout("loaded", BOUND_SECONDS + 30);
            Matcher work = Pattern.compile("work (.*)").matcher(run.stdout());
            assertTrue(work.find(), run.stdout());
            p.work = work.group(1);
            Matcher committed = COMMITTED.matcher(run.stdout());
            assertTrue(committed.find());
            for (String kv : committed.group().substring("committed ".length()).split(" ")) {
                p.committed.put(kv.split("=")[0], Long.parseLong(kv.split("=")[1]));
            }
            if (withAgent) {
                // the unchecked-status verdicts come from the collector: ask for GC until they are all in, then once more
                for (int round = 1; round <= 30 && !scrape(run, p).equals(p.committed); round++) {
                    say(stdin, "gc");
                    awaitCount(run, "gc-done", round, 30);
                }
                Thread.sleep(1000);
                scrape(run, p);
            }
            p.afterGc = Histogram.of(jdk, run.process().pid());
            say(stdin, "settle");
            run.awaitStdout("settled", 60);
            p.settled = Histogram.of(jdk, run.process().pid());
            say(stdin, "exit");
            assertEquals(0, run.waitFor(60), run.stderr());
            p.seconds = (System.nanoTime() - start) / 1e9;
        } finally {
            if (run.process().isAlive()) {
                run.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (withAgent) {
            Matcher summary = SUMMARY.matcher(run.stderr());
            assertTrue(summary.find(), "no summary line: " + tail(run.stderr()));
            p.summaryTotal = Long.parseLong(summary.group(1));
            for (String part : summary.group(2).split(", ")) {
                int space = part.lastIndexOf(' ');
                p.summary.put(part.substring(0, space), Long.parseLong(part.substring(space + 1)));
            }
            p.findings = run.findings();
        } else {
            assertTrue(!run.stderr().contains("audit:"), run.stderr());
        }
        return p;
    }

    private static Map<String, Long> scrape(AgentRun.Running run, Phases p) throws IOException, InterruptedException {
        String text = run.scrape();
        p.scraped.clear();
        p.otherRulesScraped.clear();
        Matcher m = Pattern.compile("(?m)^audit_violations_total\\{rule=\"([^\"]+)\",severity=\"[^\"]+\"} (\\S+)$").matcher(text);
        while (m.find()) {
            long value = (long) Double.parseDouble(m.group(2));
            if (RULES.contains(m.group(1))) {
                p.scraped.put(m.group(1), value);
            } else if (value != 0) {
                p.otherRulesScraped.put(m.group(1), value);
            }
        }
        return p.scraped;
    }

    private static void say(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static void awaitCount(AgentRun.Running run, String text, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (run.stdout().split(Pattern.quote(text), -1).length - 1 < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " x '" + text + "'; stdout:\n" + run.stdout());
            }
            Thread.sleep(20);
        }
    }

    private static String tail(String text) {
        return text.length() < 4000 ? text : text.substring(text.length() - 4000);
    }

    /** {@code jcmd PID GC.class_histogram}: live objects only (it runs a full GC first), per class. */
    static final class Histogram {
        private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");
        final Map<String, long[]> classes = new TreeMap<>();
        long totalBytes;

        static Histogram of(Path jdk, long pid) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder(jdk.resolve("bin/jcmd").toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS), "jcmd did not end");
            Histogram h = new Histogram();
            for (String line : out.split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    h.classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            }
            Matcher total = TOTAL.matcher(out);
            assertTrue(total.find(), "no histogram: " + out);
            h.totalBytes = Long.parseLong(total.group(2));
            return h;
        }

        long instances(String className) {
            long[] row = classes.get(className);
            return row == null ? 0 : row[0];
        }

        long agentInstances() {
            return classes.entrySet().stream().filter(e -> e.getKey().contains("dev.jvmaudit.")).mapToLong(e -> e.getValue()[0]).sum();
        }

        long agentBytes() {
            return classes.entrySet().stream().filter(e -> e.getKey().contains("dev.jvmaudit.")).mapToLong(e -> e.getValue()[1]).sum();
        }
    }
}
