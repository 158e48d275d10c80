package dev.jvmaudit.agent;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.report.Reporter;

/**
 * What a family needs from the agent: its options, the reporter, whether it was attached to a JVM already running
 * (whose threads, files and hooks predate it), and its private access to {@code java.base}.
 */
public record AgentContext(AgentConfig config, Reporter reporter, boolean attached, JavaBaseAccess javaBase) {

    /** Runs the family's rule code, throwing on purpose when the test-only {@code test.fail} switch names the family. */
    public void checkTestFault(String family) {
        if (family.equals(config.testFail())) {
            throw new IllegalStateException("test.fail=" + family);
        }
    }
}
