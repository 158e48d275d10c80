package dev.jvmaudit.demo;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The demo's own console output: one line per event, prefixed with the time and the thread. */
public final class ConsoleLog {

    private static volatile boolean quiet;

    private ConsoleLog() {
    }

    /** Silences {@link #info} under load, where a line per event would be the bottleneck. */
    public static void quiet(boolean value) {
        quiet = value;
    }

    public static void info(String format, Object... args) {
        if (!quiet) {
            print(System.out, format, args);
        }
    }

    /** Lines that the integration tests and the operator wait for: printed even when quiet. */
    public static void milestone(String format, Object... args) {
        print(System.out, format, args);
    }

    public static void warn(String format, Object... args) {
        print(System.err, format, args);
    }

    private static void print(java.io.PrintStream out, String format, Object[] args) {
        String line = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + Thread.currentThread().getName() + "] "
                + String.format(format, args);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
