package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Starts a program in a separate JVM, with or without {@code -javaagent:agent/target/audit.jar}, and reads back what
 * the agent produced: JSON lines from its log file, its metrics endpoint, the program's stdout and stderr.
 */
public final class AgentRun {

    public static final Path AGENT_JAR = Path.of(System.getProperty("audit.agent.jar", "target/audit.jar")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRICS_URL = Pattern.compile("audit: metrics at (http://\\S+)");

    private final Path jdk;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String classpath = testClasses();
    private String mainClass;
    private String agentArgs;
    private boolean withAgent = true;
    private boolean harnessDefaults = true;
    private String agentOption = "-javaagent:";
    private Path workDir;

    private AgentRun(Path jdk) {
        this.jdk = jdk;
    }

    public static AgentRun on(Path jdk) {
        return new AgentRun(jdk);
    }

    public AgentRun main(Class<?> main, String... args) {
        this.mainClass = main.getName();
        this.programArgs.addAll(List.of(args));
        return this;
    }

    public AgentRun main(String main, String... args) {
        this.mainClass = main;
        this.programArgs.addAll(List.of(args));
        return this;
    }

    public AgentRun classpath(String classpath) {
        this.classpath = classpath;
        return this;
    }

    /** Extra agent options, appended after the log file and metrics options the harness sets. */
    public AgentRun agentArgs(String args) {
        this.agentArgs = args;
        return this;
    }

    /** The whole agent argument, without the harness's log file and port defaults (null: no argument at all). */
    public AgentRun exactAgentArgs(String args) {
        this.agentArgs = args;
        this.harnessDefaults = false;
        return this;
    }

    public AgentRun jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public AgentRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the agent as {@code -agentlib:instrument=audit.jar=...}, the form that leaves the module graph archived. */
    public AgentRun asAgentlib() {
        this.agentOption = "-agentlib:instrument=";
        return this;
    }

    public AgentRun withoutAgent() {
        this.withAgent = false;
        return this;
    }

    /** Starts the program; by default the agent logs to {@code findings.jsonl} in a fresh directory and picks a free port. */
    public Running start() throws IOException {
        if (withAgent && !Files.isRegularFile(AGENT_JAR)) {
            throw new IllegalStateException(AGENT_JAR + " is missing: run `mvn package` first");
        }
        workDir = Scratch.directory("audit-it");
        Path log = workDir.resolve("findings.jsonl");
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        if (withAgent && harnessDefaults) {
            String args = "log.file=" + log + ",metrics.port=0" + (agentArgs == null ? "" : "," + agentArgs);
            command.add(agentOption + AGENT_JAR + "=" + args);
        } else if (withAgent) {
            command.add(agentOption + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(programArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile());
        builder.environment().putAll(env);
        return new Running(builder.start(), workDir, log);
    }

    /** Runs to completion (at most 60 s) and returns the result. */
    public Running run() throws IOException, InterruptedException {
        Running running = start();
        running.waitFor(60);
        return running;
    }

    /** A started program and what it left behind. */
    public static final class Running {
        private final Process process;
        private final Path dir;
        private final Path log;

        Running(Process process, Path dir, Path log) {
            this.process = process;
            this.dir = dir;
            this.log = log;
        }

        public Process process() {
            return process;
        }

        public Path dir() {
            return dir;
        }

        public Path logFile() {
            return log;
        }

        public int waitFor(int seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("program did not end within " + seconds + " s; stderr:\n" + stderr());
            }
            return process.exitValue();
        }

        public int exitCode() {
            return process.exitValue();
        }

        /** Sends SIGTERM, as an orchestrator stopping the service would. */
        public void sigterm() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        /** Waits until stdout contains the text (the program's "I am ready" line). */
        public void awaitStdout(String text, int seconds) throws IOException, InterruptedException {
            awaitStdout(text, seconds, 0);
        }

        /** Waits until stdout holds the text at or after the index {@code from}. */
        public void awaitStdout(String text, int seconds, int from) throws IOException, InterruptedException {
            await("stdout", this::stdout, text, seconds, from);
        }

        /** Waits until stderr contains the text (a line the agent prints while the program runs). */
        public void awaitStderr(String text, int seconds) throws IOException, InterruptedException {
            await("stderr", this::stderr, text, seconds, 0);
        }

        private interface Output {
            String read() throws IOException;
        }

        private void await(String name, Output output, String text, int seconds, int from)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (output.read().indexOf(text, from) < 0) {
                if (System.nanoTime() > deadline || !process.isAlive() && output.read().indexOf(text, from) < 0) {
                    throw new AssertionError("no '" + text + "' on " + name + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
                }
                Thread.sleep(20);
            }
        }

        /** Waits until the log holds a finding of this rule. */
        public List<JsonNode> awaitFinding(String rule, int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (findings(rule).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no " + rule + " finding; stderr:\n" + stderr());
                }
                Thread.sleep(20);
            }
            return findings(rule);
        }

        public String stdout() throws IOException {
            return Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        }

        public String stderr() throws IOException {
            return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        }

        /**
         * The lines of stderr besides the endpoint's announcement (metrics.port=0), which a program that ends before
         * the endpoint's thread has bound the port never gets.
         */
        public List<String> stderrBesidesEndpoint() throws IOException {
            return stderr().lines().filter(l -> !l.startsWith("audit: metrics at http://127.0.0.1:"))
                    .collect(Collectors.toList());
        }

        /** Every JSON line the agent wrote. */
        public List<JsonNode> findings() throws IOException {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }

        public List<JsonNode> findings(String rule) throws IOException {
            return findings().stream().filter(f -> rule.equals(f.path("rule").asText())).collect(Collectors.toList());
        }

        /** The set of rule ids found, for "nothing else fired" assertions. */
        public List<String> rules() throws IOException {
            return findings().stream().map(f -> f.path("rule").asText()).collect(Collectors.toList());
        }

        /** The metrics endpoint's URL, as the agent announced it on stderr (metrics.port=0). */
        public String metricsUrl() throws IOException, InterruptedException {
            for (int i = 0; i < 500; i++) {
                Matcher m = METRICS_URL.matcher(stderr());
                if (m.find()) {
                    return m.group(1);
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the agent announced no metrics endpoint; stderr:\n" + stderr());
        }

        /** Scrapes the endpoint: Prometheus text. */
        public String scrape() throws IOException, InterruptedException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(metricsUrl()))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("metrics endpoint answered " + response.statusCode());
            }
            return response.body();
        }

        /** The value of one sample in Prometheus text, e.g. {@code audit_violations_total{rule="file.permissive",severity="high"}}. */
        public static double sample(String prometheusText, String metric, String rule) {
            for (String line : prometheusText.split("\n")) {
                if (line.startsWith(metric + "{") && line.contains("rule=\"" + rule + "\"")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Double.NaN;
        }
    }

    private static String testClasses() {
        return Path.of("target/test-classes").toAbsolutePath().toString();
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The class path of the test programs plus extra jars or directories. */
    public static String classpathWith(Path... extra) {
        StringBuilder cp = new StringBuilder(testClasses());
        for (Path p : extra) {
            cp.append(File.pathSeparator).append(p.toAbsolutePath());
        }
        return cp.toString();
    }
}
