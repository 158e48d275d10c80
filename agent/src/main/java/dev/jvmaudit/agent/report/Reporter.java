package dev.jvmaudit.agent.report;

import dev.jvmaudit.agent.config.AgentConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where every rule reports: applies enablement, severity and allowlists, folds repeats, counts the metric, writes
 * the JSON line. The agent's own failures are counted here too and never thrown.
 */
public final class Reporter {

    private final AgentConfig config;
    private final String version;
    private final String mode;
    private volatile Sinks sinks;
    private volatile String logFile;
    /**
     * Findings per rule, by ordinal: not an EnumMap, which reads the constants reflectively at start (see AgentConfig),
     * nor an AtomicLongArray, whose var handle is a class the JDK does not share.
     */
    private final AtomicLong[] totals = new AtomicLong[Rule.values().length];
    /**
     * Guarded by endpointLock (not this, which a first finding holds while it sets up the sinks): the endpoint once
     * started, and whether the reporter was closed (no endpoint starts then).
     */
    private final Object endpointLock = new Object();
    private MetricsEndpoint endpoint;
    private boolean closed;
    private final Runnable libraries;

    /**
     * The log, the registry (null with metrics=off: nobody could scrape it, and building it loads Micrometer and
     * java.management) and the folding of repeats, set up off the main thread at start or by the first finding,
     * whichever comes first.
     */
    private record Sinks(Metrics metrics, JsonLog log, Folding folding) {
    }

    /** {@code libraries} puts logback and Micrometer on the class path; it runs before the sinks are built. */
    public Reporter(AgentConfig config, String version, String mode, Runnable libraries) {
        this.config = config;
        this.libraries = libraries;
        this.version = version;
        this.mode = mode;
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new AtomicLong();
        }
    }

    private Sinks sinks() {
        Sinks s = sinks;
        if (s == null) {
            synchronized (this) {
                s = sinks;
                if (s == null) {
                    libraries.run();
                    s = new Sinks(config.metrics() ? new Metrics(config, version, mode) : null, new JsonLog(logFile),
                            new Folding(Folding.SYSTEM_CLOCK));
                    sinks = s;
                }
            }
        }
        return s;
    }

    /**
     * The cheap part of starting, done before the application runs: the log file is created 0600 (an unwritable file
     * is one warning line, never a failure); an attach starts the endpoint too. The log and the registry themselves
     * are set up by {@link #warmUp()} off the main thread, or by the first finding or scrape.
     */
    public void start() {
        if (config.logFile() != null) {
            Path path = Path.of(config.logFile()).toAbsolutePath();
            try {
                PrivateFiles.createFile(path);
                logFile = path.toString();
            } catch (IOException | RuntimeException e) {
                AgentOutput.line("cannot write log file " + path + " (" + e + "); findings go to stderr");
            }
        }
        if (mode.equals("attach")) {
            startEndpoint(); // its command line prints the URL
        }
    }

    /**
     * Starts the endpoint's thread, which binds the port (a busy port is one warning line, never a failure); once, and
     * not after {@link #close()}. At a {@code -javaagent} start the agent's start thread calls this a second in, after
     * the start of a service and never within a short program's life.
     */
    public void startEndpoint() {
        synchronized (endpointLock) {
            if (!config.metrics() || endpoint != null || closed) {
                return;
            }
            // not lambdas: see Folding
            endpoint = MetricsEndpoint.start(config.metricsHost(), config.metricsPort(), new Supplier<>() {
                @Override
                public String get() {
                    return sinks().metrics().scrape();
                }
            }, new MetricsEndpoint.Listener() {
                @Override
                public void bound(String url) {
                    if (config.metricsPort() == 0 || config.verbose()) {
                        AgentOutput.line("metrics at " + url);
                    }
                }

                @Override
                public void notBound(IOException e) {
                    AgentOutput.line("metrics endpoint not started: cannot bind " + config.metricsHost() + ":"
                            + config.metricsPort() + " (" + e.getMessage() + ");"
                            + " set metrics.port=0 for any free port, or metrics=off");
                }
            });
            endpointLock.notifyAll();
        }
    }

    /** Sets up the log and the registry now, so the first finding does not wait for them. */
    public void warmUp() {
        sinks();
    }

    public AgentConfig config() {
        return config;
    }

    public boolean enabled(Rule rule) {
        return config.enabled(rule);
    }

    /** Reports a finding attributed to the current thread's first application frame; nothing when there is none. */
    public void report(Rule rule, String message, String subject, Map<String, Object> facts) {
        if (!config.enabled(rule)) {
            return;
        }
        CallSite site = CallSites.current();
        if (site != null) {
            report(new Finding(rule, site, Thread.currentThread().getName(), message, subject, facts));
        }
    }

    public void report(Finding finding) {
        Rule rule = finding.rule();
        if (!config.enabled(rule) || finding.callSite() == null || allowed(finding)) {
            return;
        }
        String site = finding.callSite().toString();
        totals[rule.ordinal()].incrementAndGet();
        try {
            if ("report".equals(config.testFail())) {
                throw new IllegalStateException("test.fail=report");
            }
            Sinks s = sinks();
            long occurrences = s.folding().occurrence(rule, site);
            if (s.metrics() != null) {
                s.metrics().violation(rule);
            }
            if (occurrences > 0) {
                s.log().warn(fields(finding, site, occurrences));
            }
        } catch (RuntimeException | LinkageError e) {
            agentError("report", e);
        }
    }

    private boolean allowed(Finding finding) {
        Rule rule = finding.rule();
        var allow = config.allow(rule);
        CallSite site = finding.callSite();
        return !allow.isEmpty()
                && (allow.matches(site.className()) || allow.matches(finding.subject())
                    || site.isPython() && allow.matches(site.fileName()));
    }

    private Map<String, Object> fields(Finding finding, String site, long occurrences) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Rule rule = finding.rule();
        fields.put("rule", rule.id());
        fields.put("severity", config.severity(rule).label());
        fields.put("cwe", rule.cwe());
        fields.put("message", finding.message());
        fields.put("callsite", site);
        fields.put("thread", finding.thread());
        fields.put("occurrences", occurrences);
        if (finding.callSite().language() != null) {
            fields.put("language", finding.callSite().language());
        }
        if (finding.facts() != null) {
            finding.facts().forEach(fields::putIfAbsent);
        }
        return fields;
    }

    /** Counts one of the agent's own failures; the application never sees it. */
    public void agentError(String hook, Throwable error) {
        try {
            Metrics metrics = sinks().metrics();
            if (metrics != null) {
                metrics.agentError(hook);
            }
            if (config.verbose()) {
                AgentOutput.line("internal error in " + hook + " hook (swallowed): " + error);
            }
        } catch (Throwable ignored) {
            // counting failed: nothing else is safe to do here
        }
    }

    public long total(Rule rule) {
        return totals[rule.ordinal()].get();
    }

    /** The one human line printed at exit when anything was found. */
    public String summary() {
        long all = 0;
        StringJoiner perRule = new StringJoiner(", ");
        for (Rule rule : Rule.values()) {
            long n = totals[rule.ordinal()].get();
            if (n > 0) {
                all += n;
                perRule.add(rule.id() + " " + n);
            }
        }
        if (all == 0) {
            return null;
        }
        return all + (all == 1 ? " finding" : " findings") + " (" + perRule + "); details in " + logDestination();
    }

    /**
     * End of run: the summary line, then as on detach: the endpoint stopped, its thread ended (HotSpot's exit waits up
     * to 300 ms for any thread still blocked in native code, as one in {@code accept} would be), the log closed.
     */
    public void finish() {
        String summary = summary();
        if (summary != null && config.summary()) {
            AgentOutput.line(summary);
        }
        close();
    }

    public String logDestination() {
        String file = logFile;
        return file == null ? "stderr" : file;
    }

    /** How long a caller that needs the endpoint's URL waits for it to start (a second in), then for its bind. */
    private static final long START_WAIT_MILLIS = 3000;
    private static final long BIND_WAIT_MILLIS = 2000;

    /** The endpoint's URL once its thread has bound it, or null when it is off or could not bind. */
    public String metricsUrl() {
        MetricsEndpoint e = awaitEndpoint();
        return e == null || !e.awaitSettled(BIND_WAIT_MILLIS) ? null : e.url();
    }

    private MetricsEndpoint awaitEndpoint() {
        synchronized (endpointLock) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS);
            try {
                for (long left = START_WAIT_MILLIS; left > 0 && config.metrics() && endpoint == null && !closed;
                        left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
                    endpointLock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return endpoint;
        }
    }

    /** For detach: the endpoint is closed and the log flushed and closed; nothing is printed. */
    public void close() {
        MetricsEndpoint e;
        synchronized (endpointLock) {
            closed = true;
            endpointLock.notifyAll();
            e = endpoint;
        }
        if (e != null) {
            e.stop();
        }
        Sinks s = sinks;
        if (s != null) {
            s.log().stop();
        }
    }
}
