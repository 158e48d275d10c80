package dev.jvmaudit.it;

import example.Hello;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With nothing wrong, the agent is invisible: the same output, byte for byte, with and without it. */
class CleanStartIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void correctProgramPrintsExactlyWhatItPrintsWithoutTheAgent(Path jdk) throws Exception {
        AgentRun.Running plain = AgentRun.on(jdk).main(Hello.class).withoutAgent().run();
        AgentRun.Running audited = AgentRun.on(jdk).main(Hello.class)
                .exactAgentArgs("metrics.port=" + AgentRun.freePort()).run();
        assertEquals("hello\n", plain.stdout());
        assertEquals("bye\n", plain.stderr());
        assertEquals(plain.stdout(), audited.stdout());
        assertEquals(plain.stderr(), audited.stderr());
        assertEquals(0, audited.exitCode());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void noArgumentAtAllIsACleanStartToo(Path jdk) throws Exception {
        AgentRun.Running audited = AgentRun.on(jdk).main(Hello.class).exactAgentArgs(null)
                .env("AUDIT_METRICS_PORT", Integer.toString(AgentRun.freePort())).run();
        assertEquals("hello\n", audited.stdout());
        assertEquals("bye\n", audited.stderr());
    }
}
