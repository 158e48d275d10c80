package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Where a channel opened by {@code Files.write} or {@code writeString} was opened: while the channel is open, the
 * thread that opened it is still inside that call, so the call's caller is on that thread's stack and nothing needs
 * capturing at the open (a capture is most of what tracking a new file costs). Read only when a finding names it.
 */
final class WholeFileWrites {

    private WholeFileWrites() {
    }

    /**
     * The first application frame below the {@code level}-th call of {@code Files.write}/{@code writeString} from the
     * bottom of {@code thread}'s stack (each overload's frame is one level, as each one's entry counted one), or null
     * when the channel was closed by the time the stack was read: the call may have returned, its stack tells nothing.
     */
    static CallSite callerOf(Thread thread, int level, BooleanSupplier stillOpen) {
        StackTraceElement[] stack = thread == Thread.currentThread() ? new Throwable().getStackTrace() : thread.getStackTrace();
        if (!stillOpen.getAsBoolean()) {
            return null;
        }
        int seen = 0;
        for (int i = stack.length - 1; i >= 0; i--) {
            if (isWholeFileWrite(stack[i]) && ++seen == level) {
                return CallSites.first(Arrays.copyOfRange(stack, i + 1, stack.length));
            }
        }
        return null;
    }

    private static boolean isWholeFileWrite(StackTraceElement frame) {
        String method = frame.getMethodName();
        return (method.equals("write") || method.equals("writeString")) && frame.getClassName().equals("java.nio.file.Files");
    }
}
