package dev.jvmaudit.agent.config;

import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.report.Rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {

    private static AgentConfig load(String args, Properties props, Map<String, String> env, Properties file) {
        return AgentConfig.load(args, props, env, path -> file);
    }

    private static AgentConfig args(String args) {
        return load(args, new Properties(), Map.of(), new Properties());
    }

    @Test
    void defaultsFollowTheContract() {
        AgentConfig c = args(null);
        assertNull(c.logFile());
        assertTrue(c.metrics());
        assertEquals("127.0.0.1", c.metricsHost());
        assertEquals(9464, c.metricsPort());
        assertTrue(c.summary());
        assertFalse(c.verbose());
        assertEquals(10_000, c.shutdownBudgetMillis());
        assertEquals(10_000, c.deadlockIntervalMillis());
        assertTrue(c.sensitive().matches("server.KEY"));
        assertTrue(c.sensitive().matches("router.state"));
        assertFalse(c.sensitive().matches("report.txt"));
        for (Rule rule : Rule.values()) {
            assertTrue(c.enabled(rule));
            assertEquals(rule.defaultSeverity(), c.severity(rule));
        }
        assertEquals(List.of(), c.problems());
    }

    @Test
    void agentArgumentThenSystemPropertyThenEnvironmentThenFile() {
        Properties props = new Properties();
        props.setProperty("audit.metrics.port", "2");
        props.setProperty("audit.log.file", "/from/props");
        props.setProperty("unrelated", "x");
        Properties file = new Properties();
        file.setProperty("metrics.port", "4");
        file.setProperty("summary", "off");
        file.setProperty("metrics.host", "::1");
        AgentConfig c = load("metrics.port=1,config=/etc/audit.properties", props,
                Map.of("AUDIT_METRICS_PORT", "3", "AUDIT_METRICS_HOST", "0.0.0.0", "AUDIT_SOMETHING_ELSE", "x"), file);
        assertEquals(1, c.metricsPort());
        assertEquals("/from/props", c.logFile());
        assertEquals("0.0.0.0", c.metricsHost());
        assertFalse(c.summary());
        assertEquals(List.of(), c.problems(), "unrelated properties and AUDIT_ variables are not ours to judge");
    }

    @Test
    void ruleSettings() {
        AgentConfig c = args("rules.http.cleartext.enabled=false,rules.file.permissive.severity=LOW,"
                + "rules.process.shell.allow=com.acme.*;*.internal");
        assertFalse(c.enabled(Rule.HTTP_CLEARTEXT));
        assertEquals(Severity.LOW, c.severity(Rule.FILE_PERMISSIVE));
        assertTrue(c.allow(Rule.PROCESS_SHELL).matches("com.acme.Tool"));
        assertTrue(c.allow(Rule.PROCESS_SHELL).matches("db.internal"));
        assertFalse(c.allow(Rule.PROCESS_SHELL).matches("org.other.Tool"));
        assertEquals(List.of(), c.problems());
    }

    @Test
    void everyProblemIsOneLineNamingTheKeyAndTheDefaultStays() {
        AgentConfig c = args("metrics.port=70000,verbose=maybe,rules.http.nope.enabled=true,rules.file.permissive.severity=urgent,"
                + "shutdown.budget=0s,hooks.gpu.enabled=false,bogus,metrcs=on,thread.deadlock.interval=5x");
        assertEquals(9464, c.metricsPort());
        assertFalse(c.verbose());
        assertEquals(10_000, c.shutdownBudgetMillis());
        List<String> problems = c.problems();
        assertEquals(9, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("\n")));
        for (String key : List.of("metrics.port", "verbose", "rules.http.nope.enabled", "rules.file.permissive.severity",
                "shutdown.budget", "hooks.gpu.enabled", "bogus", "metrcs", "thread.deadlock.interval")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(key)), key + " in " + problems);
        }
    }

    @Test
    void durations() {
        AgentConfig c = args("shutdown.budget=1500ms,thread.deadlock.interval=2m");
        assertEquals(1_500, c.shutdownBudgetMillis());
        assertEquals(120_000, c.deadlockIntervalMillis());
        assertEquals(3_000, args("shutdown.budget=3").shutdownBudgetMillis());
        for (String bad : List.of("", "s", "5 s", "5sec", "-5s", "1234567890", "1.5s", "5d", "0h")) {
            AgentConfig c2 = args("shutdown.budget=" + bad);
            assertEquals(10_000, c2.shutdownBudgetMillis(), bad);
            assertEquals(1, c2.problems().size(), bad + ": " + c2.problems());
        }
        assertEquals(999_999_999, args("shutdown.budget=999999999ms").shutdownBudgetMillis());
        assertEquals(999_999_999L * 60_000, args("thread.deadlock.interval=999999999m").deadlockIntervalMillis());
        assertEquals(3_600_000, args("thread.deadlock.interval=1h").deadlockIntervalMillis());
        assertEquals(999_999_999L * 3_600_000, args("thread.deadlock.interval=999999999h").deadlockIntervalMillis());
    }

    @Test
    void keysThatOnlyLookLikeRuleOrHookKeysAreUnknown() {
        for (String key : List.of("rules.enabled", "rules..enabled", "rules.HTTP.cleartext.enabled", "rules.http.cleartext.on",
                "hooks.enabled", "hooks..enabled", "hooks.File.enabled", "hooks.file.on")) {
            AgentConfig c = args(key + "=false");
            assertEquals(1, c.problems().size(), key + ": " + c.problems());
            assertTrue(c.problems().get(0).startsWith("unknown"), key + ": " + c.problems());
            assertTrue(c.enabled(dev.jvmaudit.agent.report.Rule.HTTP_CLEARTEXT) && c.hookEnabled("file"), key);
        }
    }

    @Test
    void unreadableConfigFileIsAProblemNotAnException() {
        AgentConfig c = AgentConfig.load("config=/nonexistent/audit.properties,metrics=off", new Properties(), Map.of(),
                path -> {
                    throw new IllegalArgumentException("java.nio.file.NoSuchFileException: " + path);
                });
        assertFalse(c.metrics());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).contains("/nonexistent/audit.properties"));
    }

    @Test
    void controlCharactersAndHugeValuesAreNeverEchoedRaw() {
        AgentConfig c = args("metrics.port=" + "9".repeat(10_000) + ",verbose=\u0007\u001b[31m");
        for (String problem : c.problems()) {
            assertTrue(problem.length() < 200, problem);
            assertFalse(problem.chars().anyMatch(Character::isISOControl), problem);
        }
    }

    @Test
    void environmentNames() {
        assertEquals("AUDIT_LOG_FILE", AgentConfig.envName("log.file"));
        assertEquals("AUDIT_RULES_HTTP_UNCHECKED_STATUS_ENABLED", AgentConfig.envName("rules.http.unchecked-status.enabled"));
        assertTrue(AgentConfig.knownKeys().contains("hooks.file.enabled"));
    }
}
