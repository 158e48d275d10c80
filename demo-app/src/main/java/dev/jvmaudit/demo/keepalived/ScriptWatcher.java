package dev.jvmaudit.demo.keepalived;

import dev.jvmaudit.demo.ConsoleLog;

import java.time.Duration;

/**
 * Harness, not daemon: waits until the script is played and handled, prints so (the integration tests wait for
 * that line), prints the rate under load, and exits the JVM if asked to. A daemon thread, so that it is never
 * one of the monitor's threads.
 */
public final class ScriptWatcher implements Runnable {

    public static final String PLAYED = "script played:";

    /** A reader that handled nothing for this long is dead or hung: stop waiting for it. */
    private static final Duration STALL = Duration.ofSeconds(2);

    private final ScriptedEventSource netlink;
    private final EventMeter meter;
    private final boolean reportRate;
    private final Duration warmUp;
    private final boolean exitAfter;

    public ScriptWatcher(ScriptedEventSource netlink, EventMeter meter, boolean reportRate, Duration warmUp,
                         boolean exitAfter) {
        this.netlink = netlink;
        this.meter = meter;
        this.reportRate = reportRate;
        this.warmUp = warmUp;
        this.exitAfter = exitAfter;
    }

    public void start() {
        Thread thread = new Thread(this, "script-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            netlink.awaitPlayed();
            long handled = meter.awaitHandled(netlink.emitted(), STALL);
            ConsoleLog.milestone("%s %d VIP changes sent, %d handled", PLAYED, netlink.emitted(), handled);
            if (reportRate && warmUp.isZero()) {
                ConsoleLog.milestone("load: %.1f events handled per second", meter.perSecond());
            } else if (reportRate) {
                ConsoleLog.milestone("load: %.1f events handled per second after a %d ms warm-up (%.1f over the whole run)",
                        meter.perSecond(), warmUp.toMillis(), meter.overallPerSecond());
            }
        } catch (InterruptedException e) {
            return;
        }
        if (exitAfter) {
            System.exit(0);
        }
        ConsoleLog.milestone("waiting for SIGTERM (kill -TERM %d)", ProcessHandle.current().pid());
    }
}
