package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ApplicationShutdownHooks.runHooks()}. */
final class RunHooksAdvice {

    private RunHooksAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        ShutdownBridge.applicationHooksStarting();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        ShutdownBridge.applicationHooksDone();
    }
}
