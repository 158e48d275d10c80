package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.Writer;
import java.nio.file.Path;

/** file.open-at-exit: a buffered audit trail kept in a static field and never closed; its last lines are lost. */
final class OpenAtExitScenario implements Scenario {

    // a static field, as a logger's appender would be: the stream stays reachable until the JVM exits
    private static Writer auditTrail;

    @Override
    public String rule() {
        return "file.open-at-exit";
    }

    @Override
    public String story() {
        return "keeps a BufferedWriter on <work-dir>/audit-trail.log open until the JVM exits";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        Path file = context.newPrivateFile("audit-trail.log");
        auditTrail = new BufferedWriter(new FileWriter(file.toFile(), true));
        auditTrail.write("router demo-router-1 became primary\n");
        ConsoleLog.info("wrote to %s, still buffered and open", file);
    }

    /** The fix: write it in a try-with-resources block, so it is flushed and closed whatever happens. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        Path file = context.newPrivateFile("audit-trail.log");
        try (Writer trail = new BufferedWriter(new FileWriter(file.toFile(), true))) {
            trail.write("router demo-router-1 became primary\n");
        }
        ConsoleLog.info("wrote to %s and closed it", file);
    }
}
