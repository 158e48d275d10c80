package dev.jvmaudit.agent;

import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.bootstrap.Guard;

import java.util.List;

/**
 * The agent's work once the application's shutdown hooks are done: each family's exit checks, then the summary
 * line and the log flush. Runs once, whichever trigger comes first.
 */
public final class EndOfRun implements Runnable {

    private final Reporter reporter;
    private volatile List<Family> families = List.of();
    /** Not an AtomicBoolean: its var handle is a class the JDK does not share, loaded at every start. */
    private volatile boolean done;

    EndOfRun(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The started families, whose {@link Family#atExit()} checks run in this order. */
    void checksOf(List<Family> started) {
        families = List.copyOf(started);
    }

    public boolean isDone() {
        return done;
    }

    /** On the agent's own {@code audit-end-of-run} thread. */
    @Override
    public void run() {
        Guard.ownThread();
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        for (Family family : families) {
            try {
                family.atExit();
            } catch (Throwable t) {
                reporter.agentError(family.name(), t);
            }
        }
        reporter.finish();
    }
}
