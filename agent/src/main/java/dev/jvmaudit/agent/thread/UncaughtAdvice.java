package dev.jvmaudit.agent.thread;

import dev.jvmaudit.bootstrap.ThreadBridge;
import net.bytebuddy.asm.Advice;

/** {@code Thread.dispatchUncaughtException(Throwable)}: the JVM calls it for every thread that ends by an exception. */
final class UncaughtAdvice {

    private UncaughtAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        ThreadBridge.uncaught(thread, error);
    }
}
