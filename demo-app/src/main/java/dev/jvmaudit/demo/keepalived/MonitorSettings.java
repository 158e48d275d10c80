package dev.jvmaudit.demo.keepalived;

import java.net.URI;
import java.nio.file.Path;

/** What both ports of the monitor are started with: the router, where its files live, and whom to notify. */
public record MonitorSettings(String routerId, Path confDir, String interfaceName, String vipCidr, URI l3Agent) {

    public Path stateFile() {
        return confDir.resolve("state");
    }

    public Path pidFile() {
        return confDir.resolve("keepalived-state-change.pid");
    }
}
