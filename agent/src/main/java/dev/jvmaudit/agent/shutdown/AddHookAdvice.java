package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ShutdownBridge;

/** {@code Runtime.addShutdownHook(Thread)}: remembers where each hook was registered once the JDK accepted it. */
final class AddHookAdvice {

    private AddHookAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Argument(0) Thread hook, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            ShutdownBridge.hookAdded(hook);
        }
    }
}
