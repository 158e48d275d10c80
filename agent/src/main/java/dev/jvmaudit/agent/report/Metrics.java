package dev.jvmaudit.agent.report;

import dev.jvmaudit.agent.config.AgentConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's own Micrometer registry (relocated, so never the application's). */
final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Rule, Counter> violations = new EnumMap<>(Rule.class);
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    Metrics(AgentConfig config, String version, String mode) {
        for (Rule rule : Rule.values()) {
            if (config.enabled(rule)) {
                violations.put(rule, Counter.builder("audit.violations")
                        .description("Violations of audit rules committed by the application")
                        .tag("rule", rule.id())
                        .tag("severity", config.severity(rule).label())
                        .register(registry));
            }
        }
        for (String family : AgentConfig.HOOK_FAMILIES) {
            error(family);
        }
        error("report");
        Gauge.builder("audit.agent.info", () -> 1)
                .description("The audit agent's version and how it was loaded")
                .tag("version", version)
                .tag("mode", mode)
                .register(registry);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Gauge.builder("audit.jvm.threads", threads, ThreadMXBean::getThreadCount).tag("state", "live")
                .description("JVM threads, the population the thread rules watch").register(registry);
        Gauge.builder("audit.jvm.threads", threads, ThreadMXBean::getDaemonThreadCount).tag("state", "daemon")
                .description("JVM threads, the population the thread rules watch").register(registry);
        Gauge.builder("audit.jvm.threads", threads, ThreadMXBean::getPeakThreadCount).tag("state", "peak")
                .description("JVM threads, the population the thread rules watch").register(registry);
    }

    void violation(Rule rule) {
        Counter counter = violations.get(rule);
        if (counter != null) {
            counter.increment();
        }
    }

    private Counter error(String hook) {
        return errors.computeIfAbsent(hook, h -> Counter.builder("audit.agent.errors")
                .description("The agent's own failures, swallowed so the application never sees them")
                .tag("hook", h)
                .register(registry));
    }

    void agentError(String hook) {
        error(hook).increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
