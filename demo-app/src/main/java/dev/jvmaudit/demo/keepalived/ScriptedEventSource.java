package dev.jvmaudit.demo.keepalived;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the netlink socket the real monitor reads: it answers "which addresses are on which device" and
 * hands out the scripted VIP changes at their scheduled times, so a run is short and the same every time. Like
 * the socket, {@link #take()} blocks for ever once the script is played, until the source is closed.
 */
public final class ScriptedEventSource implements AutoCloseable {

    public static final String INTERFACE = "ha-5e1f0a3c-7d";
    public static final String VIP_CIDR = "169.254.0.1/24";

    private final EventScript script;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch played = new CountDownLatch(1);
    private volatile boolean vipHeld;
    private volatile long emitted;

    public ScriptedEventSource(EventScript script) {
        this.script = script;
        this.vipHeld = script.vipHeldAtStart();
        if (script.count() == 0) {
            played.countDown();
        }
    }

    /** The addresses held right now, as {@code ip addr} in the router's namespace would list them. */
    public List<VipEvent> currentAddresses() {
        VipEvent loopback = new VipEvent("lo", "127.0.0.1/8", true);
        return vipHeld ? List.of(loopback, new VipEvent(INTERFACE, VIP_CIDR, true)) : List.of(loopback);
    }

    /**
     * The next change, waiting for its scheduled time; {@code null} once the source is closed. One reader only,
     * as with a socket.
     */
    public VipEvent take() throws InterruptedException {
        if (emitted >= script.count()) {
            closed.await();
            return null;
        }
        long due = startNanos + (emitted + 1) * script.interval().toNanos();
        long wait = due - System.nanoTime();
        if (closed.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
            return null;
        }
        vipHeld = !vipHeld;
        emitted++;
        if (emitted == script.count()) {
            played.countDown();
        }
        return new VipEvent(INTERFACE, VIP_CIDR, vipHeld);
    }

    /** Waits until every scripted change has been handed out. */
    public void awaitPlayed() throws InterruptedException {
        played.await();
    }

    public long emitted() {
        return emitted;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Wakes a blocked {@link #take()}, which then returns {@code null}: the socket's end of file. */
    @Override
    public void close() {
        closed.countDown();
    }
}
