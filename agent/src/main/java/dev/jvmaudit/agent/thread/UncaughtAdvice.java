package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ThreadBridge;

/** {@code Thread.dispatchUncaughtException(Throwable)}: the JVM calls it for every thread that ends by an exception. */
final class UncaughtAdvice {

    private UncaughtAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        ThreadBridge.uncaught(thread, error);
    }
}
