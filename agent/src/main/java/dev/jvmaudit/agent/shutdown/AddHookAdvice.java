package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.bootstrap.ShutdownBridge;
import net.bytebuddy.asm.Advice;

/** {@code Runtime.addShutdownHook(Thread)}: remembers where each hook was registered once the JDK accepted it. */
final class AddHookAdvice {

    private AddHookAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Thread hook, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            ShutdownBridge.hookAdded(hook);
        }
    }
}
