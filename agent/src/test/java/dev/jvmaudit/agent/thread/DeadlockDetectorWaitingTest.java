package dev.jvmaudit.agent.thread;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end-of-run deadlock check runs only when at least two threads block or wait, as any deadlock's threads do. */
class DeadlockDetectorWaitingTest {

    @Test
    void countsThreadsBlockedOnAMonitorAndParkedOnALock() throws Exception {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch release = new CountDownLatch(1);
        Thread blocked = new Thread(() -> {
            synchronized (monitor) {
                // entered only once the test lets go of the monitor
            }
        });
        Thread parked = new Thread(() -> {
            lock.lock();
            lock.unlock();
        });
        Thread sleeping = new Thread(() -> {
            try {
                release.await(); // WAITING too, but released before the end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        synchronized (monitor) {
            lock.lock();
            try {
                blocked.start();
                parked.start();
                awaitState(blocked, Thread.State.BLOCKED);
                awaitState(parked, Thread.State.WAITING);
                Thread self = Thread.currentThread();
                assertTrue(DeadlockDetector.waitingThreads(self) >= 2, "every thread of the JVM is looked at");
                sleeping.start();
                awaitState(sleeping, Thread.State.WAITING);
                Thread[] threads = {self, blocked, parked, sleeping};
                assertEquals(3, DeadlockDetector.countWaiting(threads, threads.length, self));
                assertEquals(2, DeadlockDetector.countWaiting(threads, threads.length, sleeping), "the asking thread is not counted");
                assertEquals(1, DeadlockDetector.countWaiting(threads, 2, self), "only the enumerated part of the array");
            } finally {
                lock.unlock();
            }
        }
        release.countDown();
        blocked.join();
        parked.join();
        sleeping.join();
        Thread[] ended = {blocked, parked, sleeping};
        assertEquals(0, DeadlockDetector.countWaiting(ended, ended.length, Thread.currentThread()), "terminated threads wait for nothing");
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t + " never reached " + state + ", is " + t.getState());
            }
            Thread.sleep(1);
        }
    }
}
