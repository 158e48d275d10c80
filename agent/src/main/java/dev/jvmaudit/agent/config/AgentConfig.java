package dev.jvmaudit.agent.config;

import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.report.Rule.Severity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's options, read from (first match wins) the agent argument, {@code audit.*} system properties,
 * {@code AUDIT_*} environment variables and the properties file named by {@code config}. A bad option never
 * throws: it becomes one line in {@link #problems()} and its default applies.
 */
public final class AgentConfig {

    /** Hook families that can be switched off as a whole with {@code hooks.<family>.enabled=false}. */
    public static final List<String> HOOK_FAMILIES = List.of("file", "http", "thread", "shutdown", "process", "python");

    static final String DEFAULT_SENSITIVE = "*.key;*.pem;*secret*;*token*;*password*;*credential*;*state";

    private static final Set<String> PLAIN_KEYS = Set.of(
            "config", "log.file", "metrics", "metrics.port", "metrics.host", "summary", "verbose", "strict",
            "file.sensitive", "thread.deadlock.interval", "shutdown.budget", "cache", "cache.dir", "test.fail");
    private static final Set<String> RULE_SETTINGS = Set.of("enabled", "severity", "allow");

    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> effective = new LinkedHashMap<>();

    private String logFile;
    private boolean metrics = true;
    private String metricsHost = "127.0.0.1";
    private int metricsPort = 9464;
    private boolean summary = true;
    private boolean verbose;
    private boolean strict;
    private String sensitive = DEFAULT_SENSITIVE;
    /** Milliseconds, not Durations: java.time.Duration initializes BigInteger, a millisecond of every start. */
    private long deadlockIntervalMillis = 10_000;
    private long shutdownBudgetMillis = 10_000;
    private String testFail = "";
    private boolean cache = true;
    private String cacheDir;
    /**
     * Per rule, by ordinal; null where no option sets it. Not EnumMaps: the first EnumMap of an enum reads its
     * constants reflectively, which on JDK 18+ spins method handles at every start.
     */
    private final Boolean[] ruleEnabled = new Boolean[Rule.values().length];
    private final Severity[] ruleSeverity = new Severity[Rule.values().length];
    private final Glob[] ruleAllow = new Glob[Rule.values().length];
    private final Map<String, Boolean> hookEnabled = new LinkedHashMap<>();

    private AgentConfig() {
    }

    public static AgentConfig defaults() {
        return new AgentConfig();
    }

    /** Reads the options of this JVM. */
    public static AgentConfig load(String agentArgs) {
        return load(agentArgs, System.getProperties(), Environment.variables(), null);
    }

    /** {@code configFiles} reads the file named by {@code config}; null reads it from disk. */
    static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> env,
                            Function<String, Properties> configFiles) {
        AgentConfig config = new AgentConfig();
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> fromArgs = config.parseAgentArgs(agentArgs);
        Map<String, String> fromProps = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("audit.")) {
                fromProps.put(name.substring("audit.".length()), systemProperties.getProperty(name));
            }
        }
        putAllAbsent(raw, fromArgs);
        putAllAbsent(raw, fromProps);
        if (anyAuditVariable(env)) {
            for (String key : knownKeys()) {
                String value = env.get(envName(key));
                if (value != null) {
                    raw.putIfAbsent(key, value);
                }
            }
        }
        String configFile = raw.get("config");
        if (configFile != null && !configFile.isBlank()) {
            try {
                Properties file = configFiles == null ? readFile(configFile.trim()) : configFiles.apply(configFile.trim());
                for (String name : file.stringPropertyNames()) {
                    raw.putIfAbsent(name.trim(), file.getProperty(name));
                }
            } catch (RuntimeException e) {
                config.problem("cannot read config file '" + configFile + "' (" + describe(e) + "); using the other options");
            }
        }
        for (Map.Entry<String, String> option : raw.entrySet()) {
            config.apply(option.getKey(), option.getValue());
        }
        return config;
    }

    /** Spelling out every key's variable costs milliseconds of every start; most environments set none of them. */
    private static boolean anyAuditVariable(Map<String, String> env) {
        for (String name : env.keySet()) {
            if (name.startsWith("AUDIT_")) {
                return true;
            }
        }
        return false;
    }

    private static void putAllAbsent(Map<String, String> target, Map<String, String> source) {
        for (Map.Entry<String, String> option : source.entrySet()) {
            target.putIfAbsent(option.getKey(), option.getValue());
        }
    }

    private Map<String, String> parseAgentArgs(String agentArgs) {
        Map<String, String> options = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return options;
        }
        for (String part : agentArgs.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problem("ignoring agent argument '" + abbreviate(part) + "': expected key=value");
                continue;
            }
            options.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return options;
    }

    /** The environment variable that carries a key: {@code log.file} is {@code AUDIT_LOG_FILE}. */
    public static String envName(String key) {
        return "AUDIT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key this agent understands (rule and hook keys spelled out). */
    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(PLAIN_KEYS);
        keys.remove("test.fail");
        for (Rule rule : Rule.values()) {
            for (String suffix : List.of("enabled", "severity", "allow")) {
                keys.add("rules." + rule.id() + "." + suffix);
            }
        }
        for (String family : HOOK_FAMILIES) {
            keys.add("hooks." + family + ".enabled");
        }
        Collections.sort(keys);
        return keys;
    }

    private void apply(String key, String rawValue) {
        String value = rawValue == null ? "" : rawValue.trim();
        String ruleSetting = key.startsWith("rules.") ? key.substring(key.lastIndexOf('.') + 1) : "";
        String ruleId = middle(key, "rules.", "." + ruleSetting, "abcdefghijklmnopqrstuvwxyz.-");
        String family = middle(key, "hooks.", ".enabled", "abcdefghijklmnopqrstuvwxyz");
        if (ruleId != null && RULE_SETTINGS.contains(ruleSetting)) {
            applyRule(key, Rule.byId(ruleId), ruleSetting, value);
        } else if (family != null) {
            if (!HOOK_FAMILIES.contains(family)) {
                problem("unknown option '" + abbreviate(key) + "': hook families are " + HOOK_FAMILIES);
            } else {
                Boolean on = bool(key, value);
                if (on != null) {
                    hookEnabled.put(family, on);
                    effective.put(key, value);
                }
            }
        } else if (PLAIN_KEYS.contains(key)) {
            applyPlain(key, value);
        } else {
            problem("unknown option '" + abbreviate(key) + "' (ignored)");
        }
    }

    /** What {@code key} holds between {@code prefix} and {@code suffix}, if non-empty and made only of {@code allowed}. */
    private static String middle(String key, String prefix, String suffix, String allowed) {
        if (key.length() <= prefix.length() + suffix.length() || !key.startsWith(prefix) || !key.endsWith(suffix)) {
            return null;
        }
        String middle = key.substring(prefix.length(), key.length() - suffix.length());
        for (int i = 0; i < middle.length(); i++) {
            if (allowed.indexOf(middle.charAt(i)) < 0) {
                return null;
            }
        }
        return middle;
    }

    private void applyRule(String key, Rule rule, String setting, String value) {
        if (rule == null) {
            problem("unknown rule in option '" + abbreviate(key) + "'");
            return;
        }
        switch (setting) {
            case "enabled" -> {
                Boolean on = bool(key, value);
                if (on != null) {
                    ruleEnabled[rule.ordinal()] = on;
                }
            }
            case "severity" -> {
                Severity severity = Severity.parse(value);
                if (severity == null) {
                    problem("option '" + key + "' has value '" + abbreviate(value)
                            + "', expected critical, high, medium, low or info");
                    return;
                }
                ruleSeverity[rule.ordinal()] = severity;
            }
            default -> ruleAllow[rule.ordinal()] = Glob.parse(value);
        }
        effective.put(key, value);
    }

    private void applyPlain(String key, String value) {
        switch (key) {
            case "config" -> {
                // already read
            }
            case "log.file" -> {
                if (value.isEmpty()) {
                    problem("option 'log.file' is empty; findings go to stderr");
                    return;
                }
                logFile = value;
            }
            case "metrics" -> {
                Boolean on = bool(key, value);
                if (on == null) {
                    return;
                }
                metrics = on;
            }
            case "metrics.port" -> {
                Integer port = integer(key, value, 0, 65535);
                if (port == null) {
                    return;
                }
                metricsPort = port;
            }
            case "metrics.host" -> {
                if (value.isEmpty()) {
                    problem("option 'metrics.host' is empty; using 127.0.0.1");
                    return;
                }
                metricsHost = value;
            }
            case "summary" -> {
                Boolean on = bool(key, value);
                if (on == null) {
                    return;
                }
                summary = on;
            }
            case "verbose" -> {
                Boolean on = bool(key, value);
                if (on == null) {
                    return;
                }
                verbose = on;
            }
            case "strict" -> {
                Boolean on = bool(key, value);
                if (on == null) {
                    return;
                }
                strict = on;
            }
            case "file.sensitive" -> sensitive = value;
            case "thread.deadlock.interval" -> {
                Long millis = millis(key, value);
                if (millis == null) {
                    return;
                }
                deadlockIntervalMillis = millis;
            }
            case "shutdown.budget" -> {
                Long millis = millis(key, value);
                if (millis == null) {
                    return;
                }
                shutdownBudgetMillis = millis;
            }
            case "cache" -> {
                Boolean on = bool(key, value);
                if (on == null) {
                    return;
                }
                cache = on;
            }
            case "cache.dir" -> {
                if (value.isEmpty()) {
                    problem("option 'cache.dir' is empty; using the default cache directory");
                    return;
                }
                cacheDir = value;
            }
            case "test.fail" -> testFail = value;
            default -> throw new IllegalStateException(key);
        }
        effective.put(key, value);
    }

    private Boolean bool(String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> {
                return Boolean.TRUE;
            }
            case "false", "off", "no" -> {
                return Boolean.FALSE;
            }
            default -> {
                problem("option '" + key + "' has value '" + abbreviate(value) + "', expected true or false");
                return null;
            }
        }
    }

    private Integer integer(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem("option '" + key + "' has value '" + abbreviate(value) + "', expected a number from " + min + " to " + max);
        return null;
    }

    /** A duration such as 500ms, 10s (the unit by default), 2m or 1h, in milliseconds. */
    private Long millis(String key, String value) {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        String unit = value.substring(digits);
        if (digits >= 1 && digits <= 9 && (unit.isEmpty() || unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h"))) {
            long n = Long.parseLong(value.substring(0, digits));
            long millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1_000;
            };
            if (millis > 0) {
                return millis;
            }
        }
        problem("option '" + key + "' has value '" + abbreviate(value) + "', expected a positive duration such as 500ms, 10s, 2m or 1h");
        return null;
    }

    private void problem(String line) {
        problems.add(line);
    }

    private static String abbreviate(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }

    private static String describe(Exception e) {
        return e.getCause() != null ? e.getCause().toString() : e.getMessage();
    }

    private static Properties readFile(String path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e.toString(), e);
        }
        return p;
    }

    /** One line per bad option, for stderr. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The options that were set and accepted, for {@code status} and verbose output. */
    public Map<String, String> effective() {
        return Collections.unmodifiableMap(effective);
    }

    public String logFile() {
        return logFile;
    }

    public boolean metrics() {
        return metrics;
    }

    public String metricsHost() {
        return metricsHost;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public boolean summary() {
        return summary;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean strict() {
        return strict;
    }

    /** Parsed on each call, by the file rules once they are built: a start that opens no file never parses it. */
    public Glob sensitive() {
        return Glob.parse(sensitive);
    }

    public long deadlockIntervalMillis() {
        return deadlockIntervalMillis;
    }

    public long shutdownBudgetMillis() {
        return shutdownBudgetMillis;
    }

    /** Whether transformed classes are cached on disk for faster later starts. */
    public boolean cache() {
        return cache;
    }

    /** The cache directory, or null for the default. */
    public String cacheDir() {
        return cacheDir;
    }

    /** Test-only: the hook family (or {@code report}) whose agent code is made to throw. */
    public String testFail() {
        return testFail;
    }

    public boolean enabled(Rule rule) {
        Boolean on = ruleEnabled[rule.ordinal()];
        return on == null || on;
    }

    public Severity severity(Rule rule) {
        Severity severity = ruleSeverity[rule.ordinal()];
        return severity == null ? rule.defaultSeverity() : severity;
    }

    public Glob allow(Rule rule) {
        Glob allow = ruleAllow[rule.ordinal()];
        return allow == null ? Glob.NONE : allow;
    }

    public boolean hookEnabled(String family) {
        return hookEnabled.getOrDefault(family, Boolean.TRUE);
    }
}
