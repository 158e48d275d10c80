package dev.jvmaudit.agent;

import dev.jvmaudit.agent.report.Reporter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's work once the application's shutdown hooks are done: each family's exit checks, then the summary
 * line and the log flush. Runs once, whichever trigger comes first.
 */
public final class EndOfRun {

    private final Reporter reporter;
    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean done = new AtomicBoolean();

    /** An exit check of one family; its failures are counted against that family. */
    public record Check(String family, Runnable work) {
    }

    EndOfRun(Reporter reporter) {
        this.reporter = reporter;
    }

    public void add(String family, Runnable check) {
        checks.add(new Check(family, check));
    }

    public boolean isDone() {
        return done.get();
    }

    public void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        for (Check check : checks) {
            try {
                check.work().run();
            } catch (Throwable t) {
                reporter.agentError(check.family(), t);
            }
        }
        reporter.finish();
    }
}
