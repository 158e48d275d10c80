package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.util.concurrent.CyclicBarrier;

/**
 * thread.deadlock: two transfers lock the same two accounts in opposite orders. The threads are daemons, so the
 * JVM can still exit after {@code --deadlock-wait}.
 */
final class DeadlockScenario implements Scenario {

    private final Object routerA = new Object();
    private final Object routerB = new Object();

    @Override
    public String rule() {
        return "thread.deadlock";
    }

    @Override
    public String story() {
        return "two threads lock router A then B, and B then A; they wait on each other for ever";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        // each thread holds its first lock before either asks for its second: the deadlock is certain
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        Thread aThenB = daemon("failover-a-to-b", () -> lockBoth(routerA, routerB, bothHoldOne));
        Thread bThenA = daemon("failover-b-to-a", () -> lockBoth(routerB, routerA, bothHoldOne));
        aThenB.start();
        bThenA.start();
        Thread.sleep(context.deadlockWait().toMillis());
        ConsoleLog.info("after %s: %s is %s, %s is %s", context.deadlockWait(), aThenB.getName(), aThenB.getState(),
                bThenA.getName(), bThenA.getState());
    }

    /** The fix: every thread takes the locks in one global order (A before B). */
    @Override
    public void twin(GalleryContext context) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Thread first = daemon("failover-a-to-b", () -> {
            together.await();
            lockBoth(routerA, routerB, null);
        });
        Thread second = daemon("failover-b-to-a", () -> {
            together.await();
            lockBoth(routerA, routerB, null);
        });
        first.start();
        second.start();
        first.join();
        second.join();
        ConsoleLog.info("both failovers done");
    }

    private static void lockBoth(Object first, Object second, CyclicBarrier afterFirst) throws Exception {
        synchronized (first) {
            if (afterFirst != null) {
                afterFirst.await();
            }
            synchronized (second) {
                ConsoleLog.info("moved the VIP");
            }
        }
    }

    private static Thread daemon(String name, GalleryThreads.Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Exception e) {
                ConsoleLog.warn("%s failed: %s", Thread.currentThread().getName(), e);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
