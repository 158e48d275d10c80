package dev.jvmaudit.demo.keepalived.faithful;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.keepalived.EventMeter;
import dev.jvmaudit.demo.keepalived.MonitorSettings;
import dev.jvmaudit.demo.keepalived.PidFile;
import dev.jvmaudit.demo.keepalived.RouterState;
import dev.jvmaudit.demo.keepalived.ScriptedEventSource;
import dev.jvmaudit.demo.keepalived.VipEvent;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The keepalived state-change monitor as Neutron's {@code MonitorDaemon} does it, weaknesses included: three
 * unnamed non-daemon threads, two of which write the state file, an unsynchronised "initial state" check-then-set,
 * a notifier whose failure kills the queue reader, and a SIGTERM handler that joins the queue reader only.
 */
public final class FaithfulMonitorDaemon {

    /** How long the main thread waits for the initial state before assuming backup. */
    private static final long INITIAL_STATE_READ_TIMEOUT_MS = 10_000;

    private final MonitorSettings settings;
    private final ScriptedEventSource netlink;
    private final EventMeter meter;
    private final FaithfulStateFile stateFile;
    private final FaithfulNotifier notifier;
    private final BlockingQueue<VipEvent> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch eventStarted = new CountDownLatch(1);
    private volatile boolean eventStop;
    // a plain field read and set by three threads without a lock, as the Python property is
    private RouterState initialState;
    private Thread readQueueThread;

    public FaithfulMonitorDaemon(MonitorSettings settings, ScriptedEventSource netlink, EventMeter meter) {
        this.settings = settings;
        this.netlink = netlink;
        this.meter = meter;
        this.stateFile = new FaithfulStateFile(settings.stateFile());
        this.notifier = new FaithfulNotifier(settings.l3Agent());
    }

    /** {@code Daemon.start()} then {@code run()}: blocks the calling thread on the queue reader, as the original. */
    public void run() throws IOException, InterruptedException {
        // the lock lives as long as the process: the pid file is never closed
        PidFile.lock(settings.pidFile());

        Thread initialStateThread = new Thread(this::handleInitialState);
        Thread ipMonitorThread = new Thread(new FaithfulIpMonitor(netlink, queue, () -> eventStop, eventStarted));
        readQueueThread = new Thread(this::readQueue);
        Runtime.getRuntime().addShutdownHook(new Thread(this::handleSigterm));
        initialStateThread.start();
        ipMonitorThread.start();
        readQueueThread.start();

        initialStateThread.join(INITIAL_STATE_READ_TIMEOUT_MS);
        if (initialState == null) {
            ConsoleLog.warn("timeout reading the initial status of router %s, assuming backup", settings.routerId());
            writeStateChange(RouterState.BACKUP);
            notifyAgent(RouterState.BACKUP);
        }
        readQueueThread.join();
    }

    private void handleInitialState() {
        try {
            RouterState state = RouterState.BACKUP;
            for (VipEvent address : netlink.currentAddresses()) {
                if (isVip(address)) {
                    state = RouterState.PRIMARY;
                    break;
                }
            }
            if (initialState == null) {
                writeStateChange(state);
                notifyAgent(state);
            }
        } catch (RuntimeException e) {
            // as the original: a failure after the state was set is swallowed without a word
            if (initialState == null) {
                ConsoleLog.warn("failed to get the initial status of router %s: %s", settings.routerId(), e);
            }
        }
    }

    private void readQueue() {
        try {
            eventStarted.await();
            while (!eventStop) {
                VipEvent event = queue.poll(2, TimeUnit.SECONDS);
                if (event == null || !isVip(event)) {
                    continue;
                }
                RouterState newState = event.added() ? RouterState.PRIMARY : RouterState.BACKUP;
                writeStateChange(newState);
                notifyAgent(newState);
                meter.handled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isVip(VipEvent event) {
        return event.device().equals(settings.interfaceName()) && event.cidr().equals(settings.vipCidr());
    }

    private void writeStateChange(RouterState state) {
        if (initialState == null) {
            initialState = state;
        }
        stateFile.write(state);
        ConsoleLog.info("wrote router %s state %s", settings.routerId(), state.wire());
    }

    private void notifyAgent(RouterState state) {
        notifier.notifyAgent(settings.routerId(), state);
        ConsoleLog.info("notified the L3 agent: router %s is %s", settings.routerId(), state.wire());
    }

    /** {@code handle_sigterm}: stop, wait 5 s for the queue reader alone, exit; the other threads are left running. */
    private void handleSigterm() {
        eventStop = true;
        try {
            readQueueThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConsoleLog.milestone("SIGTERM handled: the queue reader is %s; exiting",
                readQueueThread.isAlive() ? "still running" : "stopped");
    }
}
