package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ThreadBridge;

/** {@code Thread.start()} (and, on JDK 21+, {@code Thread.start(ThreadContainer)} and {@code VirtualThread.start(ThreadContainer)}). */
final class ThreadStartAdvice {

    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread) {
        ThreadBridge.starting(thread);
    }
}
