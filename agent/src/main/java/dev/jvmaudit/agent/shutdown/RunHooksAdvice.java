package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** Inlined into {@code ApplicationShutdownHooks.runHooks()}. */
final class RunHooksAdvice {

    private RunHooksAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        ShutdownBridge.applicationHooksStarting();
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit() {
        ShutdownBridge.applicationHooksDone();
    }
}
