package dev.jvmaudit.it;

import example.HttpJdkCases;
import example.HttpOkHttpCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar audit.jar prepare}: the transform cache filled before the service's first start. */
class PrepareIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void preparedCacheServesTheFirstStartWithoutWeaving(Path jdk) throws Exception {
        Path cache = Scratch.directory("audit-prepare").resolve("cache");
        Cli prepare = cli(jdk, "prepare", "cache.dir=" + cache, "--class-path", HttpCases.classpath());
        assertEquals(0, prepare.exit, prepare.output);
        assertTrue(prepare.output.startsWith("audit: transform cache " + cache + "/"), prepare.output);
        assertFalse(prepare.output.contains("okhttp3"), "the library on --class-path was prepared too: " + prepare.output);
        assertFalse(prepare.output.contains("NOT STORED"), prepare.output);
        Map<String, FileTime> entries = entries(cache);
        for (String hooked : List.of("java.io.FileOutputStream", "jdk.internal.net.http.HttpClientImpl",
                "okhttp3.internal.connection.RealCall", "org.apache.hc.client5.http.impl.classic.InternalHttpClient")) {
            assertTrue(entries.keySet().stream().anyMatch(name -> name.startsWith(hooked + "-")), hooked + " in " + entries.keySet());
        }

        for (Class<?> program : List.of(HttpJdkCases.class, HttpOkHttpCases.class)) {
            AgentRun.Running run = HttpCases.program(jdk, program, "bad").agentArgs("cache.dir=" + cache)
                    .jvm(ClassLoads.OPTION).run();
            assertEquals(0, run.exitCode(), run.stderr());
            assertFalse(run.findings("http.unchecked-status").isEmpty(), program + " was audited: " + run.stderr());
            List<String> weaving = ClassLoads.of(run).stream()
                    .filter(line -> line.contains(" dev.jvmaudit.agent.asm.")).toList();
            assertEquals(List.of(), weaving, program + ": every hooked class came from the prepared cache");
        }
        assertEquals(entries, entries(cache), "the first start found every entry and wrote none");
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void cacheDirectoryOthersCanWriteIsRefused(Path jdk) throws Exception {
        Path cache = Scratch.directory("audit-prepare");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        Cli prepare = cli(jdk, "prepare", "cache.dir=" + cache);
        assertEquals(1, prepare.exit, prepare.output);
        assertTrue(prepare.output.startsWith("audit: no transform cache to prepare"), prepare.output);
        assertEquals(Map.of(), entries(cache));
    }

    @Test
    void wrongArgumentsPrintUsage() throws Exception {
        Cli cli = cli(Path.of(System.getProperty("java.home")), "prepare", "cache=true", "metrics=off");
        assertEquals(2, cli.exit);
        assertTrue(cli.output.startsWith("usage: java -jar audit.jar list"), cli.output);
    }

    private record Cli(int exit, String output) {
    }

    private static Cli cli(Path jdk, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-jar", AgentRun.AGENT_JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Cli(process.exitValue(), output);
    }

    /** Cache file name → last modified, every per-build directory included. */
    private static Map<String, FileTime> entries(Path cache) throws IOException {
        Map<String, FileTime> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(cache)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                entries.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return entries;
    }
}
