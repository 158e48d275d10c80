package dev.jvmaudit.agent.attach;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.jvmaudit.agent.AuditAgent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar audit.jar list | attach <pid> [options] | detach <pid> | status <pid>}: audits a JVM that is
 * already running, and stops auditing it.
 */
public final class AuditCli {

    private static final String USAGE = """
            usage: java -jar audit.jar list                      JVMs this user can attach to
                   java -jar audit.jar attach <pid> [options]    start auditing a running JVM (options as for -javaagent)
                   java -jar audit.jar status <pid>              attached or not, version, options, findings per rule
                   java -jar audit.jar detach <pid>              stop auditing it and restore its classes
                   java -jar audit.jar prepare [options] [--class-path <path>]
                                                                 fill the transform cache before the first start
                                                                 (run it with the service's java, as its user)""";

    private AuditCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        try {
            switch (args[0]) {
                case "list" -> {
                    return list();
                }
                case "prepare" -> {
                    return prepare(java.util.Arrays.copyOfRange(args, 1, args.length));
                }
                case "attach", "detach", "status" -> {
                    if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[0].equals("attach"))) {
                        System.err.println(USAGE);
                        return 2;
                    }
                    String pid = args[1];
                    if (!pid.matches("\\d+")) {
                        System.err.println("audit: '" + pid + "' is not a process id");
                        return 2;
                    }
                    String reply = send(pid, args[0], args.length == 3 ? args[2] : "");
                    System.out.println(reply);
                    return reply.startsWith("not attached:") || reply.startsWith("unknown") ? 1 : 0;
                }
                default -> {
                    System.err.println(USAGE);
                    return 2;
                }
            }
        } catch (CliException e) {
            System.err.println("audit: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Starts this java with the agent on a program that loads every hooked class, so their woven bytes are stored;
     * the cache is keyed by the agent jar's path and the JVM build, hence the same jar, java and user as the service.
     */
    private static int prepare(String[] args) throws CliException {
        String options = "";
        String classPath = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--class-path") && i + 1 < args.length) {
                classPath = args[++i];
            } else if (options.isEmpty() && !args[i].startsWith("--")) {
                options = args[i];
            } else {
                System.err.println(USAGE);
                return 2;
            }
        }
        String jar = agentJar().toString();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + jar + "=" + (options.isEmpty() ? "" : options + ",") + "metrics=off",
                "-cp", classPath == null ? jar : jar + java.io.File.pathSeparator + classPath,
                "dev.jvmaudit.agent.CachePreparer");
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CliException("cannot start " + command.get(0) + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static int list() {
        String self = Long.toString(ProcessHandle.current().pid());
        System.out.printf("%-8s %-10s %-8s %s%n", "PID", "JDK", "AUDIT", "MAIN");
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (jvm.id().equals(self)) {
                continue;
            }
            String version = "?";
            String audit = "?";
            try {
                VirtualMachine vm = VirtualMachine.attach(jvm);
                try {
                    Properties properties = vm.getSystemProperties();
                    version = properties.getProperty("java.version", "?");
                    audit = properties.getProperty(AuditAgent.ATTACHED_PROPERTY) == null ? "-" : "attached";
                } finally {
                    vm.detach();
                }
            } catch (AttachNotSupportedException | IOException e) {
                // listed anyway: the user sees it exists but cannot be inspected
            }
            System.out.printf("%-8s %-10s %-8s %s%n", jvm.id(), version, audit, jvm.displayName().isBlank() ? "?" : jvm.displayName());
        }
        return 0;
    }

    private static String send(String pid, String command, String options) throws CliException {
        Path reply = null;
        try {
            reply = Files.createTempFile("jvm-audit-reply", ".txt", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            VirtualMachine vm = attach(pid);
            try {
                String args = AuditAgent.CLI_PREFIX + command + ":" + reply + (options.isEmpty() ? "" : ":" + options);
                vm.loadAgent(agentJar().toString(), args);
            } finally {
                vm.detach();
            }
            return Files.readString(reply, StandardCharsets.UTF_8).strip();
        } catch (AgentLoadException e) {
            throw new CliException("JVM " + pid + " refused to load the agent (" + e.getMessage() + "); start it with "
                    + "-XX:+EnableDynamicAgentLoading, or with -javaagent:" + agentJar() + " instead");
        } catch (com.sun.tools.attach.AgentInitializationException e) {
            throw new CliException("the agent failed to start in JVM " + pid + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CliException("lost the connection to JVM " + pid + " (" + e.getMessage() + ")");
        } finally {
            if (reply != null) {
                try {
                    Files.deleteIfExists(reply);
                } catch (IOException ignored) {
                    // a leftover empty temp file is harmless
                }
            }
        }
    }

    private static VirtualMachine attach(String pid) throws CliException {
        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
            throw new CliException("no process with pid " + pid);
        }
        try {
            return VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            if (why.contains("attach mechanism") || why.contains("DisableAttachMechanism")) {
                throw new CliException("JVM " + pid + " was started with -XX:+DisableAttachMechanism; restart it without "
                        + "that flag, or with -javaagent:" + agentJar());
            }
            throw new CliException("cannot attach to process " + pid + ": it is not a JVM this user (" + System.getProperty("user.name")
                    + ") can attach to (" + why + ")");
        } catch (IOException e) {
            throw new CliException("cannot attach to process " + pid + " (" + e.getMessage() + ")");
        }
    }

    private static Path agentJar() {
        try {
            return Path.of(AuditCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure the user is told about in one sentence. */
    private static final class CliException extends Exception {
        CliException(String message) {
            super(message);
        }
    }
}
