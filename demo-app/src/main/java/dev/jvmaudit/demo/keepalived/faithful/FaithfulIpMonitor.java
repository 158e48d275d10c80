package dev.jvmaudit.demo.keepalived.faithful;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.keepalived.ScriptedEventSource;
import dev.jvmaudit.demo.keepalived.VipEvent;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code ip_lib.ip_monitor}: starts an inner reader thread that copies every netlink update into a queue, then
 * forwards the address changes to the daemon's queue until the stop event is set.
 */
final class FaithfulIpMonitor implements Runnable {

    private final ScriptedEventSource netlink;
    private final BlockingQueue<VipEvent> daemonQueue;
    private final BooleanSupplier stopRequested;
    private final CountDownLatch started;

    FaithfulIpMonitor(ScriptedEventSource netlink, BlockingQueue<VipEvent> daemonQueue,
                      BooleanSupplier stopRequested, CountDownLatch started) {
        this.netlink = netlink;
        this.daemonQueue = daemonQueue;
        this.stopRequested = stopRequested;
        this.started = started;
    }

    @Override
    public void run() {
        BlockingQueue<VipEvent> updates = new LinkedBlockingQueue<>();
        // threading.Thread(target=read_ip_updates): non-daemon, unnamed
        Thread reader = new Thread(() -> readIpUpdates(updates));
        reader.start();
        started.countDown();
        try {
            while (!stopRequested.getAsBoolean()) {
                VipEvent update = updates.poll(1, TimeUnit.SECONDS);
                if (update != null) {
                    daemonQueue.put(update);
                }
            }
            // the original bounds this join to 5 s; the reader below cannot stop, so it outlives the monitor
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConsoleLog.info("ip monitor stopped; its reader is still %s", reader.isAlive() ? "running" : "gone");
    }

    /** {@code read_ip_updates}: {@code while True: _ip.get()}, with no stop condition of its own. */
    private void readIpUpdates(BlockingQueue<VipEvent> updates) {
        try {
            while (true) {
                VipEvent update = netlink.take();
                if (update == null) {
                    return;
                }
                updates.put(update);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
