package dev.jvmaudit.agent;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.process.ProcessFamily;
import dev.jvmaudit.agent.report.AgentOutput;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.shutdown.ShutdownFamily;
import dev.jvmaudit.agent.thread.ThreadFamily;
import dev.jvmaudit.bootstrap.Guard;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Installs the agent: options, bridge, reporter, families, transformer, in that order. */
final class Installer {

    static final String VERSION = versionOf();

    private Installer() {
    }

    static void install(String args, Instrumentation inst, String mode) {
        try {
            AgentConfig config = AgentConfig.load(args);
            for (String problem : config.problems()) {
                AgentOutput.line(problem);
            }
            if (config.strict() && !config.problems().isEmpty()) {
                AgentOutput.line("strict=true: stopping because of the option problems above");
                if (mode.equals("javaagent")) {
                    System.exit(2);
                }
                return;
            }
            BootstrapInjector.inject(inst, agentJar());
            installWithBridge(config, inst, mode);
        } catch (Throwable t) {
            AgentOutput.line("not installed, the application runs without it: " + t);
        }
    }

    /** Separate from {@link #install} so no bridge class is resolved before the bridge is in the boot loader. */
    private static void installWithBridge(AgentConfig config, Instrumentation inst, String mode) throws ClassNotFoundException {
        boolean entered = Guard.enter();
        try {
            Reporter reporter = Reporter.create(config, VERSION, mode);
            Guard.errors = reporter::agentError;
            EndOfRun endOfRun = new EndOfRun(reporter);
            AgentContext context = new AgentContext(config, reporter, endOfRun);
            List<Family> families = new ArrayList<>();
            for (Family family : allFamilies(endOfRun)) {
                if (config.hookEnabled(family.name()) || family instanceof ShutdownFamily) {
                    family.start(context);
                    families.add(family);
                }
            }
            HookTransformer transformer = new HookTransformer(families, reporter::agentError);
            inst.addTransformer(transformer, true);
            retransformLoaded(inst, transformer.classNames(), reporter);
            ShutdownFamily.ensureApplicationHooksRun();
            reporter.startEndpoint();
            if (config.verbose()) {
                AgentOutput.line("jvm-audit " + VERSION + " installed; findings go to " + reporter.logDestination());
            }
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }

    private static List<Family> allFamilies(EndOfRun endOfRun) {
        ShutdownFamily shutdown = new ShutdownFamily(endOfRun);
        return List.of(new FileFamily(), shutdown, new ThreadFamily(shutdown), new ProcessFamily());
    }

    private static void retransformLoaded(Instrumentation inst, Set<String> names, Reporter reporter) {
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (names.contains(loaded.getName()) && inst.isModifiableClass(loaded)) {
                try {
                    inst.retransformClasses(loaded);
                } catch (Throwable t) {
                    reporter.agentError("install", t);
                }
            }
        }
    }

    private static Path agentJar() throws Exception {
        return Path.of(Installer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String versionOf() {
        String v = Installer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
