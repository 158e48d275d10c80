package dev.jvmaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python 2.7 script of {@code src/test/python} under Jython ({@code target/jython/jython-standalone.jar}, copied
 * there by the pom before the ITs) in a separate JVM, with the agent, through {@link AgentRun}.
 */
public final class PythonRun {

    public static final Path JYTHON = Path.of("target/jython/jython-standalone.jar").toAbsolutePath();
    public static final Path SCRIPTS = Path.of("src/test/python").toAbsolutePath();

    private PythonRun() {
    }

    /** {@code java [-javaagent] -cp jython.jar org.python.util.jython SCRIPT ARGS}; Jython's own native access allowed. */
    public static AgentRun script(Path jdk, String script, String... args) {
        if (!Files.isRegularFile(JYTHON)) {
            throw new IllegalStateException(JYTHON + " is missing: run `mvn verify` (pre-integration-test copies it)");
        }
        String[] all = new String[args.length + 1];
        all[0] = SCRIPTS.resolve(script).toString(); // an absolute path stays as it is
        System.arraycopy(args, 0, all, 1, args.length);
        AgentRun run = AgentRun.on(jdk).classpath(JYTHON.toString()).main("org.python.util.jython", all);
        if (feature(jdk) >= 22) {
            // Jython's jffi loads its native stub: JDK 22+ warns unless it is allowed (the warning is Jython's, not ours)
            run.jvm("--enable-native-access=ALL-UNNAMED");
        }
        return run;
    }

    /** The JDK's feature release, from its {@code release} file. */
    static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.version().feature();
    }

    /** Waits for a line the script prints, longer than Java programs need: Jython starts in seconds. */
    public static void awaitReady(AgentRun.Running run) throws IOException, InterruptedException {
        run.awaitStdout("ready", (int) TimeUnit.SECONDS.toSeconds(60));
    }
}
