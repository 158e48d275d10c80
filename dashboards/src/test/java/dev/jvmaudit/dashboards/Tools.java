package dev.jvmaudit.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Finding and running Prometheus's command line tools. */
final class Tools {

    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    /** The executable on PATH, or a test failure telling how to install it: never a silent skip. */
    static Path require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(name + " is not on PATH: install it with `apt-get install -y prometheus`");
    }

    /** Runs a command in {@code dir} to its end (at most a minute), stderr merged into the output. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("dashboards-tool", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within a minute");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.delete(output);
        }
    }
}
