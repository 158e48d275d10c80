package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** file.insecure-temp: an export written to a fixed name in /tmp, where anyone can plant a symlink first. */
final class InsecureTempScenario implements Scenario {

    static final String FIXED_PATH = "/tmp/keepalived-demo-export.csv";

    private static final byte[] EXPORT = "router,state\ndemo-router-1,primary\n".getBytes(StandardCharsets.UTF_8);

    @Override
    public String rule() {
        return "file.insecure-temp";
    }

    @Override
    public String story() {
        return "writes an export to new FileOutputStream(\"" + FIXED_PATH + "\")";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        try (OutputStream out = new FileOutputStream(FIXED_PATH)) {
            out.write(EXPORT);
        }
        ConsoleLog.info("exported to %s", FIXED_PATH);
        Files.delete(Path.of(FIXED_PATH));
    }

    /** The fix: a fresh, unguessable, owner-only file that this process created itself. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        Path export = Files.createTempFile("keepalived-demo-export-", ".csv");
        try (OutputStream out = Files.newOutputStream(export)) {
            out.write(EXPORT);
        }
        ConsoleLog.info("exported to %s", export);
        Files.delete(export);
    }
}
