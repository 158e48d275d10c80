package dev.jvmaudit.agent.file;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether an open with {@code CREATE} but not {@code CREATE_NEW} created its file, told from the file's times read after
 * the open, so that no open pays a {@code stat} before it; asked only about files whose mode would be a finding.
 * <p>
 * The kernel gives a file it creates equal access and modification times, from a clock that lags the JVM's by up to
 * one tick (1 to 10 ms). An existing file that the open truncates gets a modification time newer than its access
 * time; one it does not truncate keeps its old times. What remains is an existing file left untouched since it was
 * created in the last moments before the open: when the agent judged that file itself, it remembers so; a file another
 * program created in the same few milliseconds is taken as created by the open.
 */
final class CreatedByOpen {

    /** How far a file's creation time, stamped by the kernel's coarse clock, may lie before the JVM saw the open start. */
    static final long CLOCK_SLACK_MILLIS = 10;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int REMEMBERED = 1024;

    private final Map<Object, FileTime> judged = Recent.map(REMEMBERED);

    /** {@code file}: its attributes right after an open that started at {@code openStartedMillis}. */
    boolean created(BasicFileAttributes file, long openStartedMillis) {
        FileTime modified = file.lastModifiedTime();
        if (!modified.equals(file.lastAccessTime())) {
            return false;
        }
        long modifiedNanos = modified.to(TimeUnit.NANOSECONDS);
        long earliestNanos = TimeUnit.MILLISECONDS.toNanos(openStartedMillis - CLOCK_SLACK_MILLIS);
        if (modifiedNanos % NANOS_PER_SECOND == 0) {
            // a file system that keeps whole seconds
            earliestNanos -= Math.floorMod(earliestNanos, NANOS_PER_SECOND);
        }
        if (modifiedNanos < earliestNanos) {
            return false;
        }
        Object key = file.fileKey();
        return key == null || !modified.equals(judged.get(key));
    }

    /** A file whose mode was just judged: an open that finds it unmodified later did not create it. */
    void judged(BasicFileAttributes file) {
        Object key = file.fileKey();
        if (key != null) {
            judged.put(key, file.lastModifiedTime());
        }
    }
}
