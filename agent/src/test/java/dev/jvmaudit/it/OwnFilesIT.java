package dev.jvmaudit.it;

import example.Hello;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent practises what it preaches: its log file is 0600 and never reported, even in a world-writable directory. */
class OwnFilesIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void ownLogFileInTmpIsPrivateAndNotAFinding(Path jdk) throws Exception {
        Path log = Path.of("/tmp/audit-own-log-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsonl");
        try {
            AgentRun.Running run = AgentRun.on(jdk).main(Hello.class)
                    .exactAgentArgs("metrics=off,log.file=" + log).run();
            assertEquals(0, run.exitCode());
            assertEquals("bye\n", run.stderr(), "no finding, so no summary line");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
            assertEquals(List.of(), Files.readAllLines(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void missingParentsArePrivateAndASymbolicLinkIsRefused(Path jdk) throws Exception {
        Path dir = Scratch.directory("audit-own");
        Path log = dir.resolve("new/deeper/findings.jsonl");
        AgentRun.Running run = AgentRun.on(jdk).main(Hello.class).exactAgentArgs("metrics=off,log.file=" + log).run();
        assertEquals(0, run.exitCode());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/deeper"))));

        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        Path planted = Files.createSymbolicLink(dir.resolve("planted.jsonl"), victim);
        AgentRun.Running refused = AgentRun.on(jdk).main(Hello.class).exactAgentArgs("metrics=off,log.file=" + planted).run();
        assertEquals(0, refused.exitCode());
        assertTrue(refused.stderr().startsWith("audit: cannot write log file " + planted), refused.stderr());
        assertEquals("keep me\n", Files.readString(victim));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void existingLogFileIsMadePrivate(Path jdk) throws Exception {
        Path dir = Scratch.directory("audit-own");
        Path log = dir.resolve("findings.jsonl");
        Files.writeString(log, "");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        AgentRun.Running run = AgentRun.on(jdk).main(Hello.class).exactAgentArgs("metrics=off,log.file=" + log).run();
        assertEquals(0, run.exitCode());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }
}
