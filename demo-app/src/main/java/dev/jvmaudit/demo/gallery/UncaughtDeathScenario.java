package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

/** thread.uncaught-death: a config reloader thread dies on a bad file, and nothing but stderr hears of it. */
final class UncaughtDeathScenario implements Scenario {

    @Override
    public String rule() {
        return "thread.uncaught-death";
    }

    @Override
    public String story() {
        return "a config-reloader thread throws and no uncaught-exception handler is set anywhere";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        Thread reloader = new Thread(UncaughtDeathScenario::reload, "config-reloader");
        reloader.start();
        reloader.join();
        ConsoleLog.info("config-reloader is gone; the service goes on with the old config");
    }

    /** The fix: a handler that makes the death visible (an operator alert, a restart, a health check gone red). */
    @Override
    public void twin(GalleryContext context) throws Exception {
        Thread reloader = new Thread(UncaughtDeathScenario::reload, "config-reloader");
        reloader.setUncaughtExceptionHandler((t, e) ->
                ConsoleLog.warn("%s died (%s); marking the service unhealthy", t.getName(), e.getMessage()));
        reloader.start();
        reloader.join();
    }

    private static void reload() {
        throw new IllegalStateException("keepalived.conf line 12: unknown keyword 'vrrp_instanse'");
    }
}
