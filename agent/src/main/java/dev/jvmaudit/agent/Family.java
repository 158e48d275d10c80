package dev.jvmaudit.agent;

import java.util.List;

/** A hook family (file, http, thread, shutdown, process): its hook table and the rules behind its bridge. */
public interface Family {

    /** The name used in {@code hooks.<name>.enabled} and in {@code audit_agent_errors_total{hook}}. */
    String name();

    List<Hook> hooks();

    /** The calls of application code whose call site its hooks take from a tag rather than from the stack. */
    default List<TaggedCall> taggedCalls() {
        return List.of();
    }

    /** Connects the family's bridge to its rules; called before any of its advice is installed. */
    void start(AgentContext context);

    /** The family's checks once the application has ended (after its shutdown hooks), before the summary line. */
    default void atExit() {
    }

    /** Disconnects the bridge (used when the agent is detached). */
    void stop();
}
