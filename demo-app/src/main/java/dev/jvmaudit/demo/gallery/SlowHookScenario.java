package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

/** shutdown.hook-slow: a hook that drains to a remote service and takes longer than the orchestrator's grace. */
final class SlowHookScenario implements Scenario {

    @Override
    public String rule() {
        return "shutdown.hook-slow";
    }

    @Override
    public String story() {
        return "registers a shutdown hook that sleeps --hook-sleep (default 11s, longer than the agent's 10s budget)";
    }

    @Override
    public void bad(GalleryContext context) {
        long sleepMillis = context.hookSleep().toMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConsoleLog.info("draining to the remote collector, %d ms", sleepMillis);
            sleepQuietly(sleepMillis);
        }, "drain-on-exit"));
        ConsoleLog.info("slow shutdown hook registered");
    }

    /** The fix: drain what can be drained within a small deadline, leave the rest to the next start. */
    @Override
    public void twin(GalleryContext context) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConsoleLog.info("draining to the remote collector, 50 ms at most");
            sleepQuietly(50);
        }, "drain-on-exit"));
        ConsoleLog.info("quick shutdown hook registered");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
