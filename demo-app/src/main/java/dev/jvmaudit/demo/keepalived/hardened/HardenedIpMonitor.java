package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.keepalived.ScriptedEventSource;
import dev.jvmaudit.demo.keepalived.VipEvent;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The IP monitor with both of its threads stoppable: closing the netlink source ends the inner reader. */
final class HardenedIpMonitor {

    private final ScriptedEventSource netlink;
    private final BlockingQueue<VipEvent> daemonQueue;
    private final BlockingQueue<VipEvent> updates = new LinkedBlockingQueue<>();
    private final Thread reader = NamedThreads.create("ip-monitor-reader", this::readIpUpdates);
    private final Thread forwarder = NamedThreads.create("ip-monitor", this::forwardUpdates);
    private volatile boolean stopping;

    HardenedIpMonitor(ScriptedEventSource netlink, BlockingQueue<VipEvent> daemonQueue) {
        this.netlink = netlink;
        this.daemonQueue = daemonQueue;
    }

    void start() {
        reader.start();
        forwarder.start();
    }

    private void readIpUpdates() {
        try {
            for (VipEvent update = netlink.take(); update != null; update = netlink.take()) {
                updates.put(update);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forwardUpdates() {
        try {
            while (!stopping) {
                VipEvent update = updates.poll(200, TimeUnit.MILLISECONDS);
                if (update != null) {
                    daemonQueue.put(update);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends both threads and waits for them. */
    void stop(Duration timeout) {
        stopping = true;
        netlink.close();
        NamedThreads.join(reader, timeout);
        NamedThreads.join(forwarder, timeout);
    }
}
