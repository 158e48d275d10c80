package dev.jvmaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDKs the child JVMs run on: {@code -Daudit.test.jdks=home1,home2}, by default this JVM's home plus Temurin 25
 * when it is installed. Use as {@code @MethodSource("dev.jvmaudit.it.Jdks#all")}.
 */
public final class Jdks {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Jdks() {
    }

    public static List<Path> all() {
        String configured = System.getProperty("audit.test.jdks", "");
        List<Path> homes = new ArrayList<>();
        if (!configured.isBlank()) {
            for (String home : configured.split(",")) {
                homes.add(Path.of(home.trim()));
            }
            return homes;
        }
        homes.add(Path.of(System.getProperty("java.home")));
        if (Files.isExecutable(TEMURIN_25.resolve("bin/java")) && !homes.get(0).startsWith(TEMURIN_25)) {
            homes.add(TEMURIN_25);
        }
        return homes;
    }

    /** A JDK at {@code fake} whose bin/java runs {@code jdk}'s with this umask (octal, as the shell takes it). */
    static Path withUmask(Path jdk, String umask, Path fake) throws IOException {
        Path java = fake.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\numask " + umask + "\nexec '" + jdk.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }
}
