package dev.jvmaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** A child JVM's {@code -Xlog:class+load} log: the classes it loaded, one line each, in order. */
final class ClassLoads {

    /** The JVM option that writes the log into the run's directory. */
    static final String OPTION = "-Xlog:class+load:file=classes.txt";

    private ClassLoads() {
    }

    static List<String> of(AgentRun.Running run) throws IOException {
        return Files.readAllLines(run.dir().resolve("classes.txt"));
    }

    /** The index of the first line naming {@code part}; fails the test when no line does. */
    static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError(part + " never loaded");
    }
}
