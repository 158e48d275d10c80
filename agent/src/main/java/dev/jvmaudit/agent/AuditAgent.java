package dev.jvmaudit.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: {@code -javaagent:audit.jar[=options]}, or loaded into a running JVM by {@code java -jar audit.jar
 * attach <pid>}. Never lets an agent failure stop the application.
 */
public final class AuditAgent {

    /** Agent arguments of the command line: {@code @cli:<command>:<reply file>[:<options>]}. */
    public static final String CLI_PREFIX = "@cli:";

    /** Set while the agent is installed, so {@code list} can tell audited JVMs apart: "version mode". */
    public static final String ATTACHED_PROPERTY = "jvmaudit.agent";

    private AuditAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        Installer.install(args, inst, "javaagent");
    }

    public static void agentmain(String args, Instrumentation inst) {
        if (args == null || !args.startsWith(CLI_PREFIX)) {
            Installer.install(args, inst, "attach");
            return;
        }
        String[] parts = args.substring(CLI_PREFIX.length()).split(":", 3);
        String reply = switch (parts[0]) {
            case "attach" -> Installer.install(parts.length > 2 ? parts[2] : null, inst, "attach");
            case "detach" -> Installer.detach();
            case "status" -> Installer.status();
            default -> "unknown command " + parts[0];
        };
        if (parts.length > 1) {
            try {
                Files.writeString(Path.of(parts[1]), reply, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("audit: cannot answer the command line: " + e);
            }
        }
    }
}
