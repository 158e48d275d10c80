package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.ConsoleLog;

import java.time.Duration;

/** Threads that say what they are in a thread dump, and whose death by exception is logged, not silent. */
final class NamedThreads {

    private NamedThreads() {
    }

    static Thread create(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setUncaughtExceptionHandler((t, e) -> ConsoleLog.warn("thread %s died: %s", t.getName(), e));
        return thread;
    }

    /** Waits for the thread to end; says so if it did not within the timeout. */
    static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            ConsoleLog.warn("thread %s did not stop within %s", thread.getName(), timeout);
        }
    }
}
