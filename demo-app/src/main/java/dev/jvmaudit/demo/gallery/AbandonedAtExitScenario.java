package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

/** thread.abandoned-at-exit: a metrics flusher nobody stops; System.exit cuts it off mid-flush. */
final class AbandonedAtExitScenario implements Scenario {

    @Override
    public String rule() {
        return "thread.abandoned-at-exit";
    }

    @Override
    public String story() {
        return "starts a non-daemon metrics-flusher loop and exits with System.exit without stopping it";
    }

    @Override
    public void bad(GalleryContext context) {
        new Thread(AbandonedAtExitScenario::flushUntilInterrupted, "metrics-flusher").start();
        ConsoleLog.info("metrics-flusher started; nothing will stop it");
    }

    /** The fix: a shutdown hook that asks the flusher to stop, and waits for its last flush. */
    @Override
    public void twin(GalleryContext context) {
        Thread flusher = new Thread(AbandonedAtExitScenario::flushUntilInterrupted, "metrics-flusher");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            flusher.interrupt();
            try {
                flusher.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ConsoleLog.info("metrics-flusher stopped: %s", !flusher.isAlive());
        }, "metrics-flusher-stopper"));
        flusher.start();
        ConsoleLog.info("metrics-flusher started, stopped by a shutdown hook");
    }

    private static void flushUntilInterrupted() {
        try {
            while (true) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            // asked to stop: the last flush is done
        }
    }
}
