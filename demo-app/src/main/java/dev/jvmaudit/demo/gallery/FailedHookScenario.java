package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

/** shutdown.hook-failed: a hook that throws, so the clean-up after the throw never happens. */
final class FailedHookScenario implements Scenario {

    @Override
    public String rule() {
        return "shutdown.hook-failed";
    }

    @Override
    public String story() {
        return "registers a shutdown hook that throws IllegalStateException";
    }

    @Override
    public void bad(GalleryContext context) {
        Runtime.getRuntime().addShutdownHook(new Thread(FailedHookScenario::releaseLease, "release-lease"));
        ConsoleLog.info("throwing shutdown hook registered");
    }

    /** The fix: the hook catches what its clean-up may throw, logs it, and goes on with the rest. */
    @Override
    public void twin(GalleryContext context) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                releaseLease();
            } catch (IllegalStateException e) {
                ConsoleLog.warn("could not release the VIP lease: %s", e.getMessage());
            }
        }, "release-lease"));
        ConsoleLog.info("careful shutdown hook registered");
    }

    private static void releaseLease() {
        throw new IllegalStateException("lease client already closed");
    }
}
