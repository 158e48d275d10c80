package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.Hello;
import example.Hygiene;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's own hygiene (issue 10, item 5): its threads are daemon threads named {@code audit-*}, it holds no
 * socket but its endpoint's, its files are owner-only whatever the umask, and its own log file is never a finding,
 * also in /tmp and across a log rotation.
 */
class HygieneIT {

    private static final Pattern METRICS_PORT = Pattern.compile("audit: metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void onlyDaemonAuditThreadsAndOnlyTheEndpointSocket(Path jdk) throws Exception {
        AgentRun.Running with = AgentRun.on(jdk).main(Hygiene.class, "census")
                .agentArgs("thread.deadlock.interval=500ms").run();
        AgentRun.Running without = AgentRun.on(jdk).main(Hygiene.class, "census").withoutAgent().run();
        assertEquals(0, with.exitCode(), with.stderr());
        assertEquals(0, without.exitCode(), without.stderr());
        assertTrue(with.stdout().contains("done") && without.stdout().contains("done"), with.stdout());
        assertEquals(List.of("file.permissive", "http.unchecked-status"), with.rules().stream().sorted().toList(),
                "the census commits one finding of each, and the agent's own threads and files add none");

        Map<String, List<String>> withMoments = moments(with.stdout());
        Map<String, List<String>> withoutMoments = moments(without.stdout());
        assertEquals(List.of("start", "after-finding", "after-deadlock-check", "shutdown"), new ArrayList<>(withMoments.keySet()));
        assertEquals(withMoments.keySet(), withoutMoments.keySet());

        // threads: whatever the agent adds, at every moment and in the watcher's record, is a daemon named audit-*
        // compared with every thread the run without the agent ever had: the program's own threads come and go with timing
        Set<String> everWithout = new java.util.HashSet<>(lines(List.of(without.stdout().split("\n")), "seen "));
        for (List<String> moment : withoutMoments.values()) {
            everWithout.addAll(lines(moment, "thread "));
        }
        Map<String, Set<String>> added = new LinkedHashMap<>();
        for (String moment : withMoments.keySet()) {
            added.put(moment, extra(lines(withMoments.get(moment), "thread "), everWithout));
        }
        added.put("seen", extra(lines(List.of(with.stdout().split("\n")), "seen "), everWithout));
        for (Map.Entry<String, Set<String>> e : added.entrySet()) {
            // the JDK's java.util.logging shutdown hook: run by the JVM at shutdown when that logging was initialised,
            // which on JDK 25 the agent's use of JDK libraries does; a JDK hook, not a thread the agent starts
            e.getValue().removeIf(t -> t.startsWith("Logging-Cleaner daemon="));
            for (String thread : e.getValue()) {
                assertTrue(thread.matches("audit-\\S+ daemon=true"), e.getKey() + ": the agent's thread '" + thread
                        + "' is not a daemon named audit-*; added by the agent: " + added);
            }
        }
        assertTrue(added.get("start").contains("audit-deadlock daemon=true"), added.toString());
        // the start thread starts the endpoint's a second in: a program that ends sooner never has one
        assertTrue(added.get("seen").contains("audit-metrics daemon=true"), added.toString());
        assertTrue(added.get("after-finding").contains("audit-http-status daemon=true"), added.toString());
        assertTrue(added.get("shutdown").contains("audit-shutdown-watchdog daemon=true"), added.toString());
        System.out.println("HYGIENE " + jdk.getFileName() + " threads added by the agent: " + added);

        // sockets: besides the application's own server and its connections, only the endpoint's listening socket,
        // which its thread binds a second into the run: maybe not yet at the first two moments, surely at the last two
        String serverPort = portOf(with.stdout());
        String metricsPort = metricsPort(with.stderr());
        for (String moment : withMoments.keySet()) {
            List<String> agentSockets = notTheApplications(lines(withMoments.get(moment), "socket "), serverPort);
            boolean early = moment.equals("start") || moment.equals("after-finding");
            assertEquals(early && agentSockets.isEmpty() ? 0 : 1, agentSockets.size(), moment + ": " + agentSockets);
            String endpoint = "tcp6? LISTEN (::ffff:)?127\\.0\\.0\\.1:" + metricsPort + " \\S+";
            assertTrue(agentSockets.stream().allMatch(s -> s.matches(endpoint)),
                    moment + ": " + agentSockets);
            assertEquals(List.of(), notTheApplications(lines(withoutMoments.get(moment), "socket "), portOf(without.stdout())),
                    moment + " without the agent");
        }

        // with metrics=off the agent holds no socket at all (on JDK 17 the JDK's pre-close descriptor appears at start,
        // because the agent loads FileChannelImpl, whose dispatcher makes it: any NIO file use does the same)
        AgentRun.Running off = AgentRun.on(jdk).main(Hygiene.class, "census").agentArgs("metrics=off").run();
        assertEquals(0, off.exitCode(), off.stderr());
        Map<String, List<String>> offMoments = moments(off.stdout());
        for (String moment : offMoments.keySet()) {
            assertEquals(List.of(), notTheApplications(lines(offMoments.get(moment), "socket "), portOf(off.stdout())),
                    moment + " with metrics=off");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void ownFilesAreOwnerOnlyEvenUnderUmask000(Path jdk) throws Exception {
        Path dir = Scratch.directory("audit-hygiene");
        Path fakeJdk = Jdks.withUmask(jdk, "000", dir.resolve("jdk"));
        Path log = dir.resolve("logs/findings.jsonl");
        Path cache = dir.resolve("cache");
        AgentRun.Running run = AgentRun.on(fakeJdk).main(Hello.class)
                .exactAgentArgs("metrics=off,log.file=" + log + ",cache.dir=" + cache).run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("bye\n", run.stderr());
        assertEquals("rw-------", mode(log));
        assertEquals("rwx------", mode(cache));
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(cache)) {
            entries = walk.filter(p -> !p.equals(cache)).toList();
        }
        assertFalse(entries.isEmpty(), "the cache was written");
        Map<String, String> modes = new TreeMap<>();
        for (Path p : entries) {
            modes.put(cache.relativize(p).toString(), mode(p));
            assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode(p), p.toString());
            assertFalse(p.getFileName().toString().endsWith(".tmp"), "no temporary file left: " + p);
        }
        System.out.println("HYGIENE " + jdk.getFileName() + " under umask 000: log " + mode(log) + ", log's directory (created by the agent) "
                + mode(log.getParent()) + ", cache " + mode(cache) + ", " + entries.size() + " cache entries " + new TreeSet<>(modes.values()));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void logRotatedByRenameInTmpIsNeverAFinding(Path jdk) throws Exception {
        Path log = Path.of("/tmp/audit-rotate-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsonl");
        Path rotated = Path.of(log + ".1");
        try {
            AgentRun.Running run = AgentRun.on(jdk).main(Hygiene.class, "findings", "10")
                    .exactAgentArgs("metrics=off,log.file=" + log).start();
            run.awaitStdout("rotate-now", 30);
            assertEquals(5, Files.readAllLines(log).size(), "five findings before the rotation");
            // logrotate's default (create): rename, then a new empty file, here with the common 0644
            Files.move(log, rotated);
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            Files.createFile(run.dir().resolve("rotated"));
            assertEquals(0, run.waitFor(60), run.stderr());

            List<String> before = Files.readAllLines(rotated);
            List<String> after = Files.readAllLines(log);
            // the agent keeps its descriptor: every line goes on into the renamed file, none is lost
            assertEquals(10, before.size(), "all ten in the renamed file: " + before);
            assertEquals(List.of(), after, "the recreated file stays empty until the JVM restarts");
            assertOnlyTheApplicationsFindings(before, log, 10);
            assertTrue(run.stderr().contains("audit: 10 findings (file.permissive 10)"), run.stderr());
            assertEquals("rw-------", mode(rotated));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(rotated);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void logRotatedByCopyTruncateInTmpIsNeverAFinding(Path jdk) throws Exception {
        Path log = Path.of("/tmp/audit-copytruncate-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsonl");
        Path rotated = Path.of(log + ".1");
        try {
            AgentRun.Running run = AgentRun.on(jdk).main(Hygiene.class, "findings", "10")
                    .exactAgentArgs("metrics=off,log.file=" + log).start();
            run.awaitStdout("rotate-now", 30);
            // logrotate's copytruncate: copy, then truncate the file the agent still writes
            Files.copy(log, rotated, StandardCopyOption.COPY_ATTRIBUTES);
            try (var channel = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            Files.createFile(run.dir().resolve("rotated"));
            assertEquals(0, run.waitFor(60), run.stderr());

            List<String> before = Files.readAllLines(rotated);
            byte[] rest = Files.readAllBytes(log);
            for (byte b : rest) {
                assertTrue(b != 0, "appending, the agent writes at the new end of the file: no hole of NUL bytes");
            }
            List<String> after = List.of(new String(rest, StandardCharsets.UTF_8).split("\n"));
            assertEquals(5, before.size(), before.toString());
            assertEquals(5, after.size(), after.toString());
            List<String> all = new ArrayList<>(before);
            all.addAll(after);
            assertOnlyTheApplicationsFindings(all, log, 10);
            assertEquals("rw-------", mode(log));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(rotated);
        }
    }

    private static void assertOnlyTheApplicationsFindings(List<String> lines, Path log, int expected) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Set<String> sites = new TreeSet<>();
        for (String line : lines) {
            assertFalse(line.contains(log.getFileName().toString()), "a finding about the agent's own log: " + line);
            JsonNode finding = json.readTree(line);
            assertEquals("file.permissive", finding.get("rule").asText(), line);
            assertTrue(finding.get("path").asText().matches(".*/made/f\\d+"), line);
            sites.add(finding.get("callsite").asText());
        }
        assertEquals(expected, sites.size(), "one line per call site: " + sites);
    }

    // ---- helpers ----

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The program's output cut at {@code moment NAME} lines. */
    private static Map<String, List<String>> moments(String stdout) {
        Map<String, List<String>> moments = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("moment ")) {
                current = new ArrayList<>();
                moments.put(line.substring("moment ".length()), current);
            } else if (current != null && (line.startsWith("thread ") || line.startsWith("socket "))) {
                current.add(line);
            }
        }
        return moments;
    }

    private static List<String> lines(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).collect(Collectors.toList());
    }

    /** The names in {@code with} that {@code without} has not (numbered JDK names compared without their numbers). */
    private static Set<String> extra(List<String> with, java.util.Collection<String> without) {
        Set<String> base = without.stream().map(HygieneIT::shape).collect(Collectors.toSet());
        return with.stream().filter(t -> !base.contains(shape(t))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String shape(String thread) {
        return thread.replaceAll("\\d+", "#");
    }

    /**
     * The sockets that are not the application's server or its connections, nor the JDK's process-wide "pre-close"
     * descriptor: the first socket the JVM opens, whoever opens it, makes {@code sun.nio.ch} create a connected Unix
     * socket pair and close one end (it dup2()s that end over a socket closed asynchronously). It shows as one unnamed
     * connected Unix socket, in the runs without the agent too as soon as the program starts its server.
     */
    private static List<String> notTheApplications(List<String> sockets, String serverPort) {
        List<String> preClose = sockets.stream().filter(s -> s.equals("unix 03 - -")).toList();
        assertTrue(preClose.size() <= 1, "at most the JDK's one pre-close socket: " + sockets);
        return sockets.stream().filter(s -> !s.matches(".*:" + serverPort + "( .*|$)") && !s.equals("unix 03 - -"))
                .collect(Collectors.toList());
    }

    private static String portOf(String stdout) {
        Matcher m = Pattern.compile("server-port (\\d+)").matcher(stdout);
        assertTrue(m.find(), stdout);
        return m.group(1);
    }

    private static String metricsPort(String stderr) {
        Matcher m = METRICS_PORT.matcher(stderr);
        assertTrue(m.find(), stderr);
        return m.group(1);
    }
}
