package dev.jvmaudit.demo.keepalived;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.DemoOptions;
import dev.jvmaudit.demo.fake.LoopbackHttpServer;
import dev.jvmaudit.demo.keepalived.faithful.FaithfulMonitorDaemon;
import dev.jvmaudit.demo.keepalived.hardened.HardenedMonitorDaemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/** Sets a monitor run up (conf dir, fake L3 agent, scripted source) and runs the faithful or hardened daemon. */
public final class MonitorLauncher {

    private MonitorLauncher() {
    }

    public static void run(DemoOptions options) throws IOException, InterruptedException {
        ConsoleLog.quiet(options.isLoad());
        Path confDir = confDir(options.confDir());
        // lives on daemon threads until the JVM ends: it is the test bench, not the daemon under test
        LoopbackHttpServer l3Agent = LoopbackHttpServer.start("fake-l3-agent", options.l3Agent());
        MonitorSettings settings = new MonitorSettings(options.routerId(), confDir, ScriptedEventSource.INTERFACE,
                ScriptedEventSource.VIP_CIDR, l3Agent.uri());
        EventScript script = options.script();
        ScriptedEventSource netlink = new ScriptedEventSource(script);
        EventMeter meter = new EventMeter(netlink.startNanos(), options.warmUp());

        ConsoleLog.milestone(
                "monitor started: mode=%s pid=%d conf-dir=%s l3-agent=%s answers %s; %d VIP changes every %s",
                options.mode().name().toLowerCase(Locale.ROOT), ProcessHandle.current().pid(), confDir,
                l3Agent.uri(), l3Agent.answer().name().toLowerCase(Locale.ROOT), script.count(),
                script.interval());
        new ScriptWatcher(netlink, meter, options.isLoad(), options.warmUp(), options.exitAfter()).start();
        switch (options.mode()) {
            case FAITHFUL -> new FaithfulMonitorDaemon(settings, netlink, meter).run();
            case HARDENED -> new HardenedMonitorDaemon(settings, netlink, meter).start();
            default -> throw new IllegalArgumentException("not a monitor mode: " + options.mode());
        }
    }

    private static Path confDir(Path requested) throws IOException {
        if (requested == null) {
            return Files.createTempDirectory("keepalived-state-change-");
        }
        if (!Files.isDirectory(requested)) {
            Files.createDirectories(requested,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return requested;
    }
}
