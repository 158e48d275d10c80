package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.util.List;

/** Helper threads of scenarios that are not about threads: named, handled, joined, so they add no finding. */
final class GalleryThreads {

    /** A task that may throw; its failure is logged by the thread's handler. */
    interface Task {
        void run() throws Exception;
    }

    private GalleryThreads() {
    }

    static Thread start(String name, Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        thread.setUncaughtExceptionHandler((t, e) -> ConsoleLog.warn("%s failed: %s", t.getName(), e));
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
