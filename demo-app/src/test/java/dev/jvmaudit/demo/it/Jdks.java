package dev.jvmaudit.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDKs every integration test runs the demo on: {@code -Daudit.test.jdks=/jdk/a,/jdk/b} (java homes), by
 * default the JDK running the tests plus Temurin 25 where it is installed.
 */
final class Jdks {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Jdks() {
    }

    static List<Jdk> all() {
        String listed = System.getProperty("audit.test.jdks", "").trim();
        Set<Path> homes = new LinkedHashSet<>();
        if (listed.isEmpty()) {
            homes.add(Path.of(System.getProperty("java.home")));
            if (Files.isDirectory(TEMURIN_25)) {
                homes.add(TEMURIN_25);
            }
        } else {
            Arrays.stream(listed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
                    .forEach(homes::add);
        }
        List<Jdk> jdks = new ArrayList<>();
        for (Path home : homes) {
            jdks.add(Jdk.at(home.toAbsolutePath().normalize()));
        }
        return jdks;
    }

    /** One java home, named by its version so that test names say which JDK failed. */
    record Jdk(Path home, String version) {

        static Jdk at(Path home) {
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("audit.test.jdks lists " + home + ", which has no bin/java");
            }
            return new Jdk(home, versionOf(home));
        }

        Path java() {
            return home.resolve("bin/java");
        }

        Path jcmd() {
            return home.resolve("bin/jcmd");
        }

        private static String versionOf(Path home) {
            try {
                for (String line : Files.readAllLines(home.resolve("release"))) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    }
                }
            } catch (IOException e) {
                // no release file: the path alone names it
            }
            return "unknown version";
        }

        @Override
        public String toString() {
            return "JDK " + version + " (" + home + ")";
        }
    }
}
