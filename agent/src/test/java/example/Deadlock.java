package example;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** Two threads deadlock on a monitor and a ReentrantLock, taken in opposite orders; main exits after a while. */
public final class Deadlock {

    static final Object ACCOUNTS = new Object();
    static final ReentrantLock LEDGER = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Thread transfer = new Thread(() -> {
            synchronized (ACCOUNTS) {
                both.countDown();
                await(both);
                LEDGER.lock();
            }
        }, "transfer");
        Thread audit = new Thread(() -> {
            LEDGER.lock();
            both.countDown();
            await(both);
            synchronized (ACCOUNTS) {
                System.out.println("never");
            }
        }, "audit");
        transfer.setDaemon(true);
        audit.setDaemon(true);
        transfer.start();
        audit.start();
        both.await();
        System.out.println("deadlocked");
        Thread.sleep(Long.parseLong(args[0]));
        System.exit(0);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
            Thread.sleep(50);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
