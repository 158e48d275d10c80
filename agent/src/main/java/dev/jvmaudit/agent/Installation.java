package dev.jvmaudit.agent;

import dev.jvmaudit.agent.config.AgentConfig;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.Guard;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.StringJoiner;

/** One installation of the agent in this JVM: what {@code detach} undoes and {@code status} describes. */
final class Installation {

    private final String mode;
    private final AgentConfig config;
    private final Instrumentation inst;
    private final Reporter reporter;
    private final List<Family> families;
    private final HookTransformer transformer;
    private final Libraries libraries;

    Installation(String mode, AgentConfig config, Instrumentation inst, Reporter reporter, List<Family> families,
                 HookTransformer transformer, Libraries libraries) {
        this.mode = mode;
        this.config = config;
        this.inst = inst;
        this.reporter = reporter;
        this.families = families;
        this.transformer = transformer;
        this.libraries = libraries;
        System.setProperty(AuditAgent.ATTACHED_PROPERTY, Installer.VERSION + " " + mode);
    }

    HookTransformer transformer() {
        return transformer;
    }

    /** The libraries the first finding needs, copied into the cache directory now rather than by the service. */
    void copyLibraries() {
        libraries.run();
    }

    String mode() {
        return mode;
    }

    /** Where the findings and the metrics of this JVM are. */
    String where() {
        String metrics = reporter.metricsUrl();
        return "attached: jvm-audit " + Installer.VERSION + "; findings in " + reporter.logDestination()
                + "; metrics " + (metrics == null ? "off" : "at " + metrics);
    }

    String status() {
        StringJoiner counts = new StringJoiner(", ");
        for (Rule rule : Rule.values()) {
            long n = reporter.total(rule);
            if (n > 0) {
                counts.add(rule.id() + " " + n);
            }
        }
        return where() + "\nmode: " + mode + "\noptions: " + (config.effective().isEmpty() ? "(defaults)" : config.effective())
                + "\nfindings: " + (counts.length() == 0 ? "none" : counts);
    }

    /** Bridges off, original classes back, endpoint closed, log flushed: the JVM runs as before the attach. */
    String uninstall() {
        boolean entered = Guard.enter();
        try {
            for (Family family : families) {
                family.stop();
            }
            inst.removeTransformer(transformer);
            Installer.retransformLoaded(inst, transformer.transformedClassNames(), reporter);
            Guard.errors = null;
            reporter.close();
            System.clearProperty(AuditAgent.ATTACHED_PROPERTY);
            return "detached: original classes restored, endpoint and agent threads stopped";
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }
}
