package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.keepalived.EventMeter;
import dev.jvmaudit.demo.keepalived.MonitorSettings;
import dev.jvmaudit.demo.keepalived.PidFile;
import dev.jvmaudit.demo.keepalived.RouterState;
import dev.jvmaudit.demo.keepalived.ScriptedEventSource;
import dev.jvmaudit.demo.keepalived.VipEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The same monitor written correctly: one thread owns the state and is the only writer, the state file is
 * replaced atomically and owner-only, the L3 agent is called with timeouts and a refusal is logged, and SIGTERM
 * stops and joins every thread and releases the pid file.
 */
public final class HardenedMonitorDaemon {

    /** Longer than one notification can take, so that the state writer always gets to see the stop flag. */
    private static final Duration JOIN_TIMEOUT = L3AgentClient.CONNECT_TIMEOUT.plus(L3AgentClient.READ_TIMEOUT)
            .plusSeconds(2);

    private final MonitorSettings settings;
    private final ScriptedEventSource netlink;
    private final EventMeter meter;
    private final AtomicStateFile stateFile;
    private final L3AgentClient l3Agent;
    private final BlockingQueue<VipEvent> queue = new LinkedBlockingQueue<>();
    private final HardenedIpMonitor ipMonitor;
    private final Thread stateWriter = NamedThreads.create("state-writer", this::applyChanges);
    private volatile boolean stopping;
    private volatile RouterState initialState;
    private PidFile pidFile;

    public HardenedMonitorDaemon(MonitorSettings settings, ScriptedEventSource netlink, EventMeter meter) {
        this.settings = settings;
        this.netlink = netlink;
        this.meter = meter;
        this.stateFile = new AtomicStateFile(settings.stateFile());
        this.l3Agent = new L3AgentClient(settings.l3Agent());
        this.ipMonitor = new HardenedIpMonitor(netlink, queue);
    }

    /** Starts the monitor's threads and returns; the threads run until SIGTERM (or System.exit). */
    public void start() throws IOException {
        pidFile = PidFile.lock(settings.pidFile());
        // registered before any thread starts, so that no SIGTERM can find a thread it does not know
        Runtime.getRuntime().addShutdownHook(NamedThreads.create("sigterm-handler", this::stop));
        ipMonitor.start();
        // subscribed first, then read: a change in between shows in both, and applying it twice is harmless
        initialState = readInitialState();
        stateWriter.start();
    }

    private RouterState readInitialState() {
        boolean holdsVip = netlink.currentAddresses().stream().anyMatch(this::isVip);
        return holdsVip ? RouterState.PRIMARY : RouterState.BACKUP;
    }

    /** The only code that writes the state: the initial one first, then one per VIP change. */
    private void applyChanges() {
        apply(initialState);
        try {
            while (!stopping) {
                VipEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null && isVip(event)) {
                    apply(event.added() ? RouterState.PRIMARY : RouterState.BACKUP);
                    meter.handled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(RouterState state) {
        try {
            stateFile.write(state);
            ConsoleLog.info("wrote router %s state %s", settings.routerId(), state.wire());
        } catch (IOException e) {
            ConsoleLog.warn("cannot write the state of router %s: %s", settings.routerId(), e);
        }
        if (l3Agent.notifyAgent(settings.routerId(), state)) {
            ConsoleLog.info("notified the L3 agent: router %s is %s", settings.routerId(), state.wire());
        }
    }

    private boolean isVip(VipEvent event) {
        return event.device().equals(settings.interfaceName()) && event.cidr().equals(settings.vipCidr());
    }

    /** The SIGTERM handler: stop every thread, wait for each, give the pid file back. */
    private void stop() {
        stopping = true;
        ipMonitor.stop(JOIN_TIMEOUT);
        NamedThreads.join(stateWriter, JOIN_TIMEOUT);
        try {
            pidFile.release();
        } catch (IOException e) {
            ConsoleLog.warn("cannot release %s: %s", settings.pidFile(), e);
        }
        ConsoleLog.milestone("SIGTERM handled: every monitor thread stopped, pid file released");
    }
}
