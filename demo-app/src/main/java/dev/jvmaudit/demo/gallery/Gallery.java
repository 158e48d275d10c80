package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.DemoOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/** Runs one scenario, or all of them, bad or twin, then ends the JVM with System.exit so exit-time rules can fire. */
public final class Gallery {

    public static final String DONE = "gallery done:";

    /** Exit-time scenarios last: they only act when the JVM exits, after every other scenario has run. */
    public static final List<Scenario> SCENARIOS = List.of(
            new UncheckedStatusScenario(),
            new CleartextScenario(),
            new NoTimeoutScenario(),
            new TrustAllScenario(),
            new AnyHostnameScenario(),
            new PermissiveFileScenario(),
            new InsecureTempScenario(),
            new ConcurrentWriteScenario(),
            new UncaughtDeathScenario(),
            new ShellProcessScenario(),
            new DeadlockScenario(),
            new OpenAtExitScenario(),
            new AbandonedAtExitScenario(),
            new SlowHookScenario(),
            new FailedHookScenario(),
            new ExitInHookScenario());

    private Gallery() {
    }

    /** The scenarios that {@code --scenario name} selects; {@code all} leaves out the bad cases that hang the JVM. */
    public static List<Scenario> select(String name, boolean twin) {
        if (name.equals("all")) {
            return SCENARIOS.stream().filter(s -> twin || !s.hangsTheJvm()).toList();
        }
        return SCENARIOS.stream().filter(s -> s.rule().equals(name)).findFirst().map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("--scenario: no scenario '" + name + "'; one of all, "
                        + SCENARIOS.stream().map(Scenario::rule).collect(Collectors.joining(", "))));
    }

    public static void run(DemoOptions options) throws IOException {
        List<Scenario> scenarios = select(options.scenario(), options.twin());
        Path workDir = options.workDir() != null
                ? Files.createDirectories(options.workDir(), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("jvm-audit-gallery-");
        GalleryContext context = new GalleryContext(workDir, options.hookSleep(), options.deadlockWait(),
                options.input());
        String variant = options.twin() ? "twin" : "bad";
        int failed = 0;
        for (Scenario scenario : scenarios) {
            ConsoleLog.milestone("scenario %s (%s): %s", scenario.rule(), variant,
                    options.twin() ? "the corrected version" : scenario.story());
            try {
                if (options.twin()) {
                    scenario.twin(context);
                } else {
                    scenario.bad(context);
                }
            } catch (Exception e) {
                failed++;
                ConsoleLog.warn("scenario %s (%s) could not run: %s", scenario.rule(), variant, e);
            }
        }
        ConsoleLog.milestone("%s %d scenario(s) run, %d could not run; work dir %s; exiting",
                DONE, scenarios.size(), failed, workDir);
        System.exit(failed == 0 ? 0 : 1);
    }
}
