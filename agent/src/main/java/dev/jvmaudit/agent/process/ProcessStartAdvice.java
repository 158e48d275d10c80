package dev.jvmaudit.agent.process;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.ProcessBridge;

/**
 * {@code ProcessImpl.start(String[] cmdarray, Map env, String dir, Redirect[], boolean)}: the one method every
 * {@code ProcessBuilder.start}, {@code startPipeline} and {@code Runtime.exec} reaches. Only the command is read.
 */
final class ProcessStartAdvice {

    private ProcessStartAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String[] command) {
        ProcessBridge.starting(command);
    }
}
