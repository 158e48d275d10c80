package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** process.shell: user input pasted into a {@code sh -c} command line, so "; id" runs a second command. */
final class ShellProcessScenario implements Scenario {

    @Override
    public String rule() {
        return "process.shell";
    }

    @Override
    public String story() {
        return "runs new ProcessBuilder(\"sh\", \"-c\", \"echo \" + input) with --input (default 'demo-router; id')";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        run(new ProcessBuilder("sh", "-c", "echo " + context.input()));
    }

    /** The fix: no shell; the input is one argument and nothing in it is interpreted. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        run(new ProcessBuilder("echo", context.input()));
    }

    private static void run(ProcessBuilder command) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        ConsoleLog.info("%s printed: %s", command.command(), output.strip().replace('\n', '|'));
    }
}
