package dev.jvmaudit.it;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
