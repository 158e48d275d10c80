package dev.jvmaudit.agent.report;

/** The agent's few human lines (bad options, announcements, the exit summary) go to stderr, one line each. */
public final class AgentOutput {

    private AgentOutput() {
    }

    public static void line(String text) {
        System.err.println("audit: " + text);
        System.err.flush();
    }
}
