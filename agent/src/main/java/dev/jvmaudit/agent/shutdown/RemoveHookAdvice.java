package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** {@code Runtime.removeShutdownHook(Thread)}. */
final class RemoveHookAdvice {

    private RemoveHookAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) Thread hook, @Advice.Return boolean removed) {
        if (removed) {
            ShutdownBridge.hookRemoved(hook);
        }
    }
}
