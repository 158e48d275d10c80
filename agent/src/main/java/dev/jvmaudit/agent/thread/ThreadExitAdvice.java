package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ThreadBridge;

/** {@code Thread.exit()}: the JVM calls it on each platform thread as it ends, after any uncaught exception. */
final class ThreadExitAdvice {

    private ThreadExitAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread) {
        ThreadBridge.ended(thread);
    }
}
