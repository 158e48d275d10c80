package dev.jvmaudit.it;

import example.FileCreation;
import example.Hello;
import example.WaitForSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded libraries (a jar nested in audit.jar) go on the class path only when the agent first needs one: copied
 * 0600 into the private cache, replaced when the copy is not what audit.jar holds, and without a cache kept in a
 * private temporary directory that is gone after exit. What other builds left in the cache is removed once unused for a
 * month.
 */
class LibrariesIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void copiedIntoTheCacheWhenFirstNeededAndReplacedWhenItDiffers(Path jdk) throws Exception {
        Path cache = Scratch.directory("audit-libraries").resolve("cache");
        AgentRun.Running cold = coldRun(jdk, cache);
        assertFalse(cold.findings("file.permissive").isEmpty(), "the log needed logback: " + cold.stderr());
        Path copy = onlyCopy(cache);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertArrayEquals(nested(), Files.readAllBytes(copy), "the copy is the nested jar");

        byte[] damaged = Files.readAllBytes(copy);
        Arrays.fill(damaged, damaged.length / 2, damaged.length / 2 + 4096, (byte) 0);
        Files.write(copy, damaged);
        AgentRun.Running warm = AgentRun.on(jdk).main(FileCreation.class, "bad").agentArgs("cache.dir=" + cache).run();
        assertEquals(0, warm.exitCode(), warm.stderr());
        assertEquals(cold.findings().size(), warm.findings().size(), warm.stderr());
        assertArrayEquals(nested(), Files.readAllBytes(onlyCopy(cache)), "a copy that differs from the nested jar is replaced");

        AgentRun.Running quiet = AgentRun.on(jdk).main(Hello.class).agentArgs("metrics=off,cache.dir=" + cache)
                .jvm(ClassLoads.OPTION).run();
        assertEquals(0, quiet.exitCode(), quiet.stderr());
        List<String> loaded = ClassLoads.of(quiet);
        List<String> beforeMain = loaded.subList(0, ClassLoads.indexOf(loaded, " example.Hello "));
        assertEquals(List.of(), beforeMain.stream().filter(l -> l.contains("dev.jvmaudit.agent.shaded.")).toList(),
                "a warm start with metrics off needs none of the libraries before main");
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void withoutACacheThePrivateCopyIsGoneAfterExit(Path jdk) throws Exception {
        Path tmp = Scratch.directory("audit-libraries-tmp");
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad").agentArgs("cache=false")
                .jvm("-Djava.io.tmpdir=" + tmp).run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(run.findings("file.permissive").isEmpty(), run.stderr());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("jvm-audit-")).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void whatOtherBuildsLeftUnusedForAMonthIsRemovedAndNothingElse(Path jdk) throws Exception {
        Path cache = Scratch.directory("audit-libraries").resolve("cache");
        coldRun(jdk, cache);
        Path copy = onlyCopy(cache);
        Path build;
        try (Stream<Path> entries = Files.list(cache)) {
            build = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        FileTime monthAgo = FileTime.from(Instant.now().minus(Duration.ofDays(31)));
        Path staleBuild = Files.createDirectory(cache.resolve("0123456789abcdef"));
        Path staleEntry = Files.write(staleBuild.resolve("java.lang.Thread-0123456789abcdef.class"), new byte[64]);
        Path staleCopy = Files.write(cache.resolve("lib-1badc0de.jar"), new byte[64]);
        Path recentCopy = Files.write(cache.resolve("lib-2badc0de.jar"), new byte[64]);
        Path foreignFile = Files.write(cache.resolve("notes.txt"), new byte[64]);
        Path foreignInBuild = Files.createDirectory(cache.resolve("fedcba9876543210"));
        Files.write(foreignInBuild.resolve("mine.txt"), new byte[64]);
        for (Path p : List.of(staleEntry, staleBuild, staleCopy, foreignFile, foreignInBuild.resolve("mine.txt"),
                foreignInBuild, copy, build)) {
            Files.setLastModifiedTime(p, monthAgo);
        }
        Files.setLastModifiedTime(recentCopy, FileTime.from(Instant.now().minus(Duration.ofDays(29))));

        AgentRun.Running service = AgentRun.on(jdk).main(WaitForSignal.class).agentArgs("cache.dir=" + cache).start();
        service.awaitStdout("ready", 30);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files.exists(staleCopy) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        service.sigterm();
        service.waitFor(30);
        assertFalse(Files.exists(staleCopy), "another build's copy unused for a month is removed: " + service.stderr());
        assertFalse(Files.exists(staleBuild), "and another build's directory with its entries");
        assertTrue(Files.exists(recentCopy), "a copy used within the month stays");
        assertTrue(Files.exists(foreignFile) && Files.exists(foreignInBuild.resolve("mine.txt")),
                "what the agent did not make stays, even in a directory named like its own");
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        assertTrue(Files.getLastModifiedTime(copy).toInstant().isAfter(dayAgo), "the copy in use is marked used");
        assertTrue(Files.getLastModifiedTime(build).toInstant().isAfter(dayAgo), "and so is this build's directory");
    }

    /** The first start on an empty cache, of a program that reports (so logback is needed too). */
    private static AgentRun.Running coldRun(Path jdk, Path cache) throws Exception {
        AgentRun.Running cold = AgentRun.on(jdk).main(FileCreation.class, "bad").agentArgs("cache.dir=" + cache).run();
        assertEquals(0, cold.exitCode(), cold.stderr());
        return cold;
    }

    private static Path onlyCopy(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> copies = files.filter(p -> p.getFileName().toString().startsWith("lib-")).toList();
            assertEquals(1, copies.size(), copies.toString());
            assertTrue(copies.get(0).getFileName().toString().endsWith(".jar"), copies.toString());
            return copies.get(0);
        }
    }

    private static byte[] nested() throws IOException {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile());
             InputStream in = jar.getInputStream(jar.getEntry("META-INF/jvm-audit/lib.jar"))) {
            return in.readAllBytes();
        }
    }
}
