package dev.jvmaudit.agent;

import java.lang.instrument.Instrumentation;

/** Entry point: {@code -javaagent:audit.jar[=options]}. Never lets an agent failure stop the application. */
public final class AuditAgent {

    private AuditAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        Installer.install(args, inst, "javaagent");
    }

    public static void agentmain(String args, Instrumentation inst) {
        Installer.install(args, inst, "attach");
    }
}
