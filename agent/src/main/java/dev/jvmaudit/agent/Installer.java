package dev.jvmaudit.agent;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.http.HttpFamily;
import dev.jvmaudit.agent.process.ProcessFamily;
import dev.jvmaudit.agent.python.PythonFamily;
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

    /** The agent installed in this JVM, or null; attach, detach and status go through it. */
    private static Installation active;

    static synchronized Installation active() {
        return active;
    }

    /** Installs the agent; returns a sentence for the attach command line. Never throws. */
    static synchronized String install(String args, Instrumentation inst, String mode) {
        if (active != null) {
            return "already attached (" + active.mode() + "), nothing done";
        }
        try {
            if (!inst.isRetransformClassesSupported()) {
                return "not attached: this JVM cannot retransform classes";
            }
            // first, so that the options' classes too come from the start path's archive; a bridge nothing calls is inert
            Path agentJar = agentJar();
            JavaBaseAccess javaBase = BootstrapInjector.inject(inst, agentJar, mode.equals("javaagent"));
            AgentConfig config = AgentConfig.load(args);
            for (String problem : config.problems()) {
                AgentOutput.line(problem);
            }
            if (config.strict() && !config.problems().isEmpty()) {
                AgentOutput.line("strict=true: stopping because of the option problems above");
                if (mode.equals("javaagent")) {
                    System.exit(2);
                }
                return "not attached: " + String.join("; ", config.problems());
            }
            active = installWithBridge(config, inst, mode, agentJar, javaBase);
            // where() waits for the endpoint's thread to bind, which premain has no reason to do
            return mode.equals("attach") ? active.where() + dynamicLoadingNote() : "installed";
        } catch (Throwable t) {
            AgentOutput.line("not installed, the application runs without it: " + t);
            return "not attached: " + t;
        }
    }

    /** JDK 21+ warns on the target's stderr when an agent is loaded into it at run time (JEP 451). */
    private static String dynamicLoadingNote() {
        if (Runtime.version().feature() < 21) {
            return "";
        }
        try {
            var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            var option = diagnostics.getVMOption("EnableDynamicAgentLoading");
            if (Boolean.parseBoolean(option.getValue()) && option.getOrigin() != com.sun.management.VMOption.Origin.DEFAULT) {
                return "";
            }
        } catch (RuntimeException e) {
            // not HotSpot: say it anyway
        }
        return "\nnote: this JVM printed a warning about a dynamically loaded agent on its stderr;"
                + " start it with -XX:+EnableDynamicAgentLoading to allow attaching silently";
    }

    /** Removes every transformation and stops the agent's threads and endpoint. */
    static synchronized String detach() {
        if (active == null) {
            return "not attached, nothing to detach";
        }
        Installation installation = active;
        active = null;
        return installation.uninstall();
    }

    static synchronized String status() {
        return active == null ? "not attached (jvm-audit " + VERSION + " was loaded before)" : active.status();
    }

    /** Separate from {@link #install} so no bridge class is resolved before the bridge is in the boot loader. */
    private static Installation installWithBridge(AgentConfig config, Instrumentation inst, String mode, Path agentJar,
                                                  JavaBaseAccess javaBase) throws Exception {
        boolean entered = Guard.enter();
        try {
            TransformCache cache = cache(config, agentJar);
            Libraries libraries = new Libraries(inst, agentJar, cache == null ? null : cache.root());
            Reporter reporter = new Reporter(config, VERSION, mode, libraries);
            Guard.errors = new java.util.function.BiConsumer<>() { // not a lambda: see warmUpInBackground
                @Override
                public void accept(String hook, Throwable error) {
                    reporter.agentError(hook, error);
                }
            };
            EndOfRun endOfRun = new EndOfRun(reporter);
            AgentContext context = new AgentContext(config, reporter, mode.equals("attach"), javaBase);
            List<Family> families = new ArrayList<>();
            for (Family family : allFamilies(endOfRun)) {
                if (config.hookEnabled(family.name()) || family instanceof ShutdownFamily) {
                    family.start(context);
                    families.add(family);
                }
            }
            endOfRun.checksOf(families);
            HookTransformer transformer = new HookTransformer(families, cache, reporter);
            inst.addTransformer(transformer, true);
            weaveLoaded(inst, transformer, reporter);
            ShutdownFamily.ensureApplicationHooksRun();
            reporter.start();
            warmUpInBackground(reporter, config, cache);
            return new Installation(mode, config, inst, reporter, families, transformer, libraries);
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }

    /** Short programs end before it, and on small machines it would compete with the application's own start. */
    private static final long WARM_UP_DELAY_MS = 1000;

    /**
     * The metrics endpoint is started and logback and Micrometer are set up off the main thread (a finding that comes
     * first waits for them), then the cache's root is pruned of what other builds left.
     */
    private static void warmUpInBackground(Reporter reporter, AgentConfig config, TransformCache cache) {
        // an anonymous class, not a lambda: every lambda spins a class at run time, 0.5-1 ms of each start on JDK 25
        Thread starter = new Thread(new Runnable() {
            @Override
            public void run() {
                Guard.ownThread();
                try {
                    Thread.sleep(WARM_UP_DELAY_MS);
                    reporter.startEndpoint();
                    reporter.warmUp();
                    if (config.verbose()) {
                        AgentOutput.line("jvm-audit " + VERSION + " installed; findings go to " + reporter.logDestination());
                    }
                } catch (Throwable t) {
                    AgentOutput.line("reporting not started: " + t);
                }
                if (cache != null) {
                    try {
                        cache.prune(Libraries.copyInUse());
                    } catch (RuntimeException e) {
                        reporter.agentError("cache", e);
                    }
                }
            }
        }, "audit-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static TransformCache cache(AgentConfig config, Path agentJar) throws Exception {
        if (!config.cache()) {
            return null;
        }
        Path root = config.cacheDir() == null ? TransformCache.defaultRoot() : Path.of(config.cacheDir());
        return TransformCache.open(root, agentJar);
    }

    static List<Family> allFamilies(EndOfRun endOfRun) {
        ShutdownFamily shutdown = new ShutdownFamily(endOfRun);
        FileFamily file = new FileFamily();
        ThreadFamily thread = new ThreadFamily(shutdown);
        return List.of(file, shutdown, thread, new ProcessFamily(), new HttpFamily(), new PythonFamily(file, thread));
    }

    /**
     * Retransforms the hooked classes loaded before the transformer, until every one carries its advice: a class
     * first loaded while another is being transformed (by the weaver's own class loading on a cold start, say) is never shown
     * to a transformer. Hooked classes not loaded yet are woven when the application first loads them.
     */
    private static void weaveLoaded(Instrumentation inst, HookTransformer transformer, Reporter reporter) {
        Set<String> names = transformer.classNames();
        for (int round = 0; round < 5; round++) {
            List<Class<?>> unwoven = new ArrayList<>();
            for (Class<?> loaded : inst.getAllLoadedClasses()) {
                if (mayBeHooked(loaded) && names.contains(loaded.getName()) && !transformer.isWoven(loaded) && inst.isModifiableClass(loaded)) {
                    unwoven.add(loaded);
                }
            }
            if (unwoven.isEmpty()) {
                return;
            }
            retransform(inst, unwoven, reporter);
        }
    }

    /** One call for all (the JVM's cost is per call), one per class only when a class refuses. */
    private static void retransform(Instrumentation inst, List<Class<?>> classes, Reporter reporter) {
        try {
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable batch) {
            for (Class<?> type : classes) {
                try {
                    inst.retransformClasses(type);
                } catch (Throwable t) {
                    reporter.agentError("install", t);
                }
            }
        }
    }

    /** Retransforms every loaded hooked class: after the transformer is removed, this restores the originals. */
    static void retransformLoaded(Instrumentation inst, Set<String> names, Reporter reporter) {
        List<Class<?>> hooked = new ArrayList<>();
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (mayBeHooked(loaded) && names.contains(loaded.getName()) && inst.isModifiableClass(loaded)) {
                hooked.add(loaded);
            }
        }
        retransform(inst, hooked, reporter);
    }

    /** No hooked class is an array or hidden; skipping them spares a sixth of the loaded classes building their names. */
    private static boolean mayBeHooked(Class<?> loaded) {
        return !loaded.isArray() && !loaded.isHidden();
    }

    private static Path agentJar() throws Exception {
        return Path.of(Installer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String versionOf() {
        String v = Installer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
