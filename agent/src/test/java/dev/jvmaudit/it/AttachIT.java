package dev.jvmaudit.it;

import example.AttachTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar audit.jar attach|status|detach <pid>} against a JVM started without the agent. */
class AttachIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void attachReportDetachAttachAgain(Path jdk) throws Exception {
        AgentRun.Running target = AgentRun.on(jdk).main(AttachTarget.class).withoutAgent().start();
        String pid = Long.toString(target.process().pid());
        Path log = target.dir().resolve("attached.jsonl");
        try (OutputStream stdin = target.process().getOutputStream()) {
            target.awaitStdout("ready", 30);
            command(target, stdin, "write before.state");
            command(target, stdin, "worker");

            Cli attach = cli("attach", pid, "log.file=" + log + ",metrics.port=0");
            assertEquals(0, attach.exit, attach.output);
            assertTrue(attach.output.startsWith("attached: jvm-audit "), attach.output);
            assertTrue(attach.output.contains("findings in " + log), attach.output);
            assertTrue(attach.output.contains("metrics at http://127.0.0.1:"), attach.output);
            if (Runtime.version().feature() >= 21 || jdk.toString().contains("25")) {
                assertTrue(attach.output.contains("-XX:+EnableDynamicAgentLoading"), attach.output);
            }

            Cli twice = cli("attach", pid);
            assertEquals("already attached (attach), nothing done", twice.output.strip());

            command(target, stdin, "write attached.state");
            command(target, stdin, "http");
            command(target, stdin, "die");
            command(target, stdin, "tag /dev/null");
            assertTrue(lastTag(target).matches("example\\.AttachTarget\\$LateOpener\\|tagWhileOpening\\|AttachTarget\\.java\\|\\d+\\|"),
                    "a class loaded after the attach has its opens tagged: " + lastTag(target));
            assertEquals(List.of("attached.state"), statePathsIn(log), "files written before the attach are unknown");
            assertEquals(List.of("file.permissive", "http.no-timeout", "thread.uncaught-death"), rulesIn(log));
            Cli status = cli("status", pid);
            assertEquals(0, status.exit);
            assertTrue(status.output.contains("findings: http.no-timeout 1, file.permissive 1, thread.uncaught-death 1"), status.output);
            assertTrue(status.output.contains("mode: attach"), status.output);

            Cli detach = cli("detach", pid);
            assertEquals(0, detach.exit, detach.output);
            assertTrue(detach.output.startsWith("detached:"), detach.output);
            command(target, stdin, "write detached.state");
            command(target, stdin, "http");
            command(target, stdin, "die");
            command(target, stdin, "tag /dev/null");
            assertEquals("null", lastTag(target), "the detach restored the tagged class");
            assertEquals(List.of("attached.state"), statePathsIn(log), "nothing is reported after detach");
            assertEquals(3, rulesIn(log).size(), "nothing is reported after detach");
            assertNoAgentThread(target, stdin);
            assertTrue(cli("status", pid).output.startsWith("not attached"));

            Path again = target.dir().resolve("again.jsonl");
            assertEquals(0, cli("attach", pid, "log.file=" + again + ",metrics=off").exit);
            command(target, stdin, "write again.state");
            command(target, stdin, "hook");
            assertEquals(List.of("again.state"), statePathsIn(again));
            target.sigterm();
            target.waitFor(30);
            assertEquals(List.of("file.permissive", "shutdown.hook-failed", "thread.abandoned-at-exit"), rulesIn(again),
                    "hooks registered after attaching, and a thread that was running before it");
            assertTrue(Files.readString(again).contains("\"callsite\":\"example.AttachTarget.pollForever(AttachTarget.java:"),
                    "a thread started before the attach is known by where it runs");
        } finally {
            target.process().destroyForcibly();
            target.waitFor(30);
        }
    }

    private static String lastTag(AgentRun.Running target) throws IOException {
        String stdout = target.stdout();
        int at = stdout.lastIndexOf("\ntag ");
        return stdout.substring(at + "\ntag ".length(), stdout.indexOf('\n', at + 1));
    }

        private static List<String> rulesIn(Path log) throws IOException {
        List<String> rules = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("\"rule\":\"");
            rules.add(line.substring(at + 8, line.indexOf('"', at + 8)));
        }
        return rules;
    }

    @Test
    void wrongPidIsOneSentenceAndAnError() throws Exception {
        Cli cli = cli("status", "999999999");
        assertEquals(1, cli.exit);
        assertEquals("audit: no process with pid 999999999", cli.output.strip());
        Cli usage = cli("frobnicate");
        assertEquals(2, usage.exit);
        assertTrue(usage.output.startsWith("usage: java -jar audit.jar list"), usage.output);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void jvmWithoutAttachMechanismGetsOneSentence(Path jdk) throws Exception {
        AgentRun.Running target = AgentRun.on(jdk).main(AttachTarget.class).withoutAgent()
                .jvm("-XX:+DisableAttachMechanism").start();
        try (OutputStream stdin = target.process().getOutputStream()) {
            target.awaitStdout("ready", 30);
            Cli cli = cli("attach", Long.toString(target.process().pid()));
            assertEquals(1, cli.exit);
            assertEquals(1, cli.output.strip().lines().count(), cli.output);
            assertTrue(cli.output.startsWith("audit: JVM " + target.process().pid()
                    + " was started with -XX:+DisableAttachMechanism; restart it without that flag"), cli.output);
        } finally {
            target.waitFor(30);
        }
    }

    private record Cli(int exit, String output) {
    }

    private static Cli cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", AgentRun.AGENT_JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Cli(process.exitValue(), output);
    }

    /** Runs one command and waits for its own "done" line (a command sent again finds the earlier one on stdout). */
    private static void command(AgentRun.Running target, OutputStream stdin, String line) throws Exception {
        int before = target.stdout().length();
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        target.awaitStdout("done " + line, 30, before);
    }

    private static List<String> statePathsIn(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("\"path\":\"");
            if (at < 0) {
                continue;
            }
            String path = line.substring(at + 8, line.indexOf('"', at + 8));
            names.add(Path.of(path).getFileName().toString());
        }
        return names;
    }

    private static void assertNoAgentThread(AgentRun.Running target, OutputStream stdin) throws Exception {
        for (int attempt = 0; ; attempt++) {
            int before = target.stdout().length();
            command(target, stdin, "threads");
            String dump = target.stdout().substring(before);
            if (!dump.contains("thread audit-")) {
                return;
            }
            assertFalse(attempt > 50, "agent threads still alive after detach:\n" + dump);
            Thread.sleep(100);
        }
    }
}
