package dev.jvmaudit.agent.thread;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadRulesTest {

    private final Thread.UncaughtExceptionHandler previousDefault = Thread.getDefaultUncaughtExceptionHandler();

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
    }

    @Test
    void aPlainThreadIsUnhandled() {
        Thread.setDefaultUncaughtExceptionHandler(null);
        assertFalse(ThreadRules.handled(new Thread(() -> { })));
    }

    @Test
    void ownHandlerGroupOverrideAndDefaultHandlerEachHandle() {
        Thread.setDefaultUncaughtExceptionHandler(null);
        Thread own = new Thread(() -> { });
        own.setUncaughtExceptionHandler((t, e) -> { });
        assertTrue(ThreadRules.handled(own));

        ThreadGroup handling = new ThreadGroup("handling") {
            @Override
            public void uncaughtException(Thread t, Throwable e) {
            }
        };
        ThreadGroup child = new ThreadGroup(handling, "child");
        assertTrue(ThreadRules.handled(new Thread(child, () -> { })), "an overriding ancestor group handles");
        assertFalse(ThreadRules.handled(new Thread(new ThreadGroup("plain"), () -> { })));

        Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
        assertTrue(ThreadRules.handled(new Thread(() -> { })));
    }

    @Test
    void commonPoolWorkersAreTheJdks() {
        ForkJoinWorkerThread common = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(ForkJoinPool.commonPool());
        ForkJoinPool own = new ForkJoinPool(1);
        try {
            assertTrue(ThreadRules.isJdkPoolWorker(common));
            assertFalse(ThreadRules.isJdkPoolWorker(ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(own)));
            assertFalse(ThreadRules.isJdkPoolWorker(new Thread(() -> { })));
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void exceptionFactsAreOneLineAndShort() {
        assertTrue(ThreadFacts.message("a\nb").equals("a b"));
        assertTrue(ThreadFacts.message("x".repeat(500)).length() == 200);
    }
}
