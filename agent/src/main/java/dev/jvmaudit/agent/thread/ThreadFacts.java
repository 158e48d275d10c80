package dev.jvmaudit.agent.thread;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How thread and shutdown findings describe exceptions and stacks. */
public final class ThreadFacts {

    static final int MAX_MESSAGE = 200;
    static final int MAX_FRAMES = 24;

    private ThreadFacts() {
    }

    /** {@code exception}, {@code exceptionMessage}, {@code frame} (where it was thrown) and the first application frame. */
    public static void exception(Throwable error, Map<String, Object> facts) {
        facts.put("exception", error.getClass().getName());
        facts.put("exceptionMessage", message(error.getMessage()));
        StackTraceElement[] stack = error.getStackTrace();
        if (stack.length > 0) {
            facts.put("frame", stack[0].toString());
            CallSite app = CallSites.first(stack);
            if (app != null && !app.toString().equals(stack[0].toString())) {
                facts.put("applicationFrame", app.toString());
            }
        }
    }

    /** An exception message for a log line: one line, at most 200 characters, null stays null. */
    public static String message(String message) {
        if (message == null) {
            return null;
        }
        String oneLine = message.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** The top frames of a stack as a stack trace prints them. */
    public static List<String> stack(StackTraceElement[] frames) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
            lines.add(frames[i].toString());
        }
        if (frames.length > MAX_FRAMES) {
            lines.add("... " + (frames.length - MAX_FRAMES) + " more");
        }
        return lines;
    }
}
