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
        StackTraceElement[] stack = thread == Thread.currentThread() ? ownStack() : thread.getStackTrace();
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

    /** Walked, not a Throwable's: a JVM run with -XX:-StackTraceInThrowable gives those (and so Thread.getStackTrace here) none. */
    private static StackTraceElement[] ownStack() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::toStackTraceElement).toArray(StackTraceElement[]::new));
    }

    private static boolean isWholeFileWrite(StackTraceElement frame) {
        String method = frame.getMethodName();
        return (method.equals("write") || method.equals("writeString")) && frame.getClassName().equals("java.nio.file.Files");
    }
}
