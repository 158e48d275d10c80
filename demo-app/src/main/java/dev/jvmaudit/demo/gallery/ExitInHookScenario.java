package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

/**
 * shutdown.exit-in-hook: a hook that calls System.exit to set a failure exit code. System.exit from a hook waits
 * for the shutdown that is running it, so the JVM hangs for ever: this scenario only runs alone, and has to be
 * ended with kill -9.
 */
final class ExitInHookScenario implements Scenario {

    @Override
    public String rule() {
        return "shutdown.exit-in-hook";
    }

    @Override
    public String story() {
        return "registers a shutdown hook that calls System.exit(1): the JVM then hangs for ever (end it with kill -9)";
    }

    @Override
    public boolean hangsTheJvm() {
        return true;
    }

    @Override
    public void bad(GalleryContext context) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConsoleLog.warn("flush failed; exiting with status 1 (this JVM now hangs: kill -9 %d)",
                    ProcessHandle.current().pid());
            System.exit(1);
        }, "flush-or-fail"));
        ConsoleLog.info("shutdown hook that calls System.exit registered");
    }

    /** The fix: the exit status is decided before System.exit is called; the hook only cleans up. */
    @Override
    public void twin(GalleryContext context) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ConsoleLog.info("flushed"), "flush-or-fail"));
        ConsoleLog.info("shutdown hook that only cleans up registered");
    }
}
