package dev.jvmaudit.demo.it;

import dev.jvmaudit.demo.it.Jdks.Jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The demo jar running in a JVM of its own, with or without the agent, its output in files of a directory. */
final class DemoProcess implements AutoCloseable {

    static final Path DEMO_JAR = Path.of(System.getProperty("demo.jar", "target/demo-app.jar")).toAbsolutePath();
    static final Path AGENT_JAR =
            Path.of(System.getProperty("audit.agent.jar", "../agent/target/audit.jar")).toAbsolutePath().normalize();

    private final List<String> command;
    private final Process process;
    private final Path dir;

    private DemoProcess(List<String> command, Process process, Path dir) {
        this.command = command;
        this.process = process;
        this.dir = dir;
    }

    /** Starts the demo without the agent. */
    static DemoProcess plain(Jdk jdk, Path dir, String... demoArgs) throws IOException {
        return start(jdk, dir, null, demoArgs);
    }

    /**
     * Starts the demo under the agent, findings to {@code dir/findings.jsonl}, metrics on a free port;
     * {@code agentOptions} adds {@code key=value} options.
     */
    static DemoProcess withAgent(Jdk jdk, Path dir, List<String> agentOptions, String... demoArgs)
            throws IOException {
        if (!Files.isRegularFile(AGENT_JAR)) {
            fail(AGENT_JAR + " is missing: build the agent first (mvn -q -pl agent package), then run these tests");
        }
        List<String> options = new ArrayList<>(List.of("log.file=" + dir.resolve("findings.jsonl"), "metrics.port=0"));
        options.addAll(agentOptions);
        return start(jdk, dir, "-javaagent:" + AGENT_JAR + "=" + String.join(",", options), demoArgs);
    }

    private static DemoProcess start(Jdk jdk, Path dir, String agent, String... demoArgs) throws IOException {
        if (!Files.isRegularFile(DEMO_JAR)) {
            fail(DEMO_JAR + " is missing: run mvn package (failsafe runs after it) before these tests");
        }
        List<String> command = new ArrayList<>(List.of(jdk.java().toString()));
        if (agent != null) {
            command.add(agent);
        }
        command.addAll(List.of("-jar", DEMO_JAR.toString()));
        command.addAll(List.of(demoArgs));
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        return new DemoProcess(command, process, dir);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until stdout has a line containing {@code text}; fails if the demo exits or takes too long. */
    void awaitOutput(String text, Duration timeout) throws Exception {
        awaitFile(dir.resolve("stdout.txt"), content -> content.contains(text), "'" + text + "' on stdout",
                timeout);
    }

    /** Waits until the agent has logged a finding of {@code rule} (for a JVM that will never exit by itself). */
    void awaitFinding(String rule, Duration timeout) throws Exception {
        awaitFile(dir.resolve("findings.jsonl"), content -> content.contains("\"" + rule + "\""),
                "a " + rule + " finding", timeout);
    }

    private void awaitFile(Path file, Predicate<String> done, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && done.test(Files.readString(file))) {
                return;
            }
            if (!process.isAlive()) {
                fail("the demo exited (" + process.exitValue() + ") before " + what + "\n" + describe());
            }
            Thread.sleep(50);
        }
        fail("no " + what + " after " + timeout + "\n" + describe());
    }

    /** SIGTERM, as an orchestrator stops a service ({@code Process.destroy()} sends it on Linux). */
    void sigterm() {
        process.destroy();
    }

    /** Waits for the JVM to end and returns its exit status; kills it and fails if it does not end in time. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String state = describe();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the demo did not exit within " + timeout + "\n" + state);
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"));
    }

    String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    List<Finding> findings() throws IOException {
        return Finding.readAll(dir.resolve("findings.jsonl"));
    }

    /** The live thread dump of the demo, as jcmd prints it. */
    String threadDump(Jdk jdk) throws Exception {
        Process jcmd = new ProcessBuilder(jdk.jcmd().toString(), Long.toString(pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    /** The command, and the end of its output, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder("command: ").append(String.join(" ", command)).append('\n');
        for (String name : List.of("stdout.txt", "stderr.txt", "findings.jsonl")) {
            text.append("--- ").append(name).append(" (last 40 lines)\n").append(tail(dir.resolve(name)));
        }
        return text.toString();
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(none)\n";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
