package dev.jvmaudit.agent.report;

import java.util.Locale;

/** The public rule catalogue (ids, default severities and CWEs are contract: see RULES.md). */
public enum Rule {
    HTTP_UNCHECKED_STATUS("http.unchecked-status", Severity.HIGH, "CWE-252"),
    HTTP_CLEARTEXT("http.cleartext", Severity.HIGH, "CWE-319"),
    HTTP_NO_TIMEOUT("http.no-timeout", Severity.MEDIUM, "CWE-1088"),
    TLS_TRUST_ALL("tls.trust-all", Severity.CRITICAL, "CWE-295"),
    TLS_ANY_HOSTNAME("tls.any-hostname", Severity.CRITICAL, "CWE-297"),
    FILE_PERMISSIVE("file.permissive", Severity.HIGH, "CWE-732"),
    FILE_INSECURE_TEMP("file.insecure-temp", Severity.MEDIUM, "CWE-377"),
    FILE_CONCURRENT_WRITE("file.concurrent-write", Severity.HIGH, "CWE-362"),
    FILE_OPEN_AT_EXIT("file.open-at-exit", Severity.MEDIUM, "CWE-404"),
    THREAD_UNCAUGHT_DEATH("thread.uncaught-death", Severity.HIGH, "CWE-248"),
    THREAD_DEADLOCK("thread.deadlock", Severity.CRITICAL, "CWE-833"),
    THREAD_ABANDONED_AT_EXIT("thread.abandoned-at-exit", Severity.MEDIUM, "CWE-404"),
    SHUTDOWN_HOOK_SLOW("shutdown.hook-slow", Severity.MEDIUM, "CWE-400"),
    SHUTDOWN_HOOK_FAILED("shutdown.hook-failed", Severity.HIGH, "CWE-755"),
    SHUTDOWN_EXIT_IN_HOOK("shutdown.exit-in-hook", Severity.CRITICAL, "CWE-833"),
    PROCESS_SHELL("process.shell", Severity.MEDIUM, "CWE-78");

    private final String id;
    private final Severity severity;
    private final String cwe;

    Rule(String id, Severity severity, String cwe) {
        this.id = id;
        this.severity = severity;
        this.cwe = cwe;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    public String cwe() {
        return cwe;
    }

    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }

    /** Severity levels, most severe first. */
    public enum Severity {
        CRITICAL, HIGH, MEDIUM, LOW, INFO;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String label) {
            for (Severity s : values()) {
                if (s.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            return null;
        }
    }
}
