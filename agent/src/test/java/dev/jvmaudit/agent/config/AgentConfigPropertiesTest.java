package dev.jvmaudit.agent.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and broken options: never an exception, always short single lines, always a usable configuration. */
class AgentConfigPropertiesTest {

    @Property(tries = 500)
    void anyAgentArgumentGivesAConfigurationAndOneLinePerProblem(@ForAll @StringLength(max = 2000) String args) {
        assertSane(AgentConfig.load(args, new Properties(), Map.of(), path -> new Properties()));
    }

    @Property(tries = 500)
    void knownKeysWithAnyValue(@ForAll("knownKey") String key, @ForAll @StringLength(max = 5000) String value) {
        Properties props = new Properties();
        props.setProperty("audit." + key, value);
        AgentConfig config = AgentConfig.load(null, props, Map.of(AgentConfig.envName(key), value), path -> new Properties());
        assertSane(config);
        assertTrue(config.metricsPort() >= 0 && config.metricsPort() <= 65535);
        assertTrue(config.shutdownBudgetMillis() > 0);
    }

    @Property(tries = 300)
    void anyConfigFileContent(@ForAll("fileContent") Map<String, String> content) {
        Properties file = new Properties();
        file.putAll(content);
        assertSane(AgentConfig.load("config=/some/file", new Properties(), Map.of(), path -> file));
    }

    @Property(tries = 100)
    void unreadableConfigFiles(@ForAll("failure") RuntimeException failure) {
        AgentConfig config = AgentConfig.load("config=/x", new Properties(), Map.of(), path -> {
            throw failure;
        });
        assertSane(config);
        assertTrue(config.problems().size() == 1);
    }

    @Provide
    Arbitrary<String> knownKey() {
        return Arbitraries.of(AgentConfig.knownKeys());
    }

    @Provide
    Arbitrary<Map<String, String>> fileContent() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(AgentConfig.knownKeys()), Arbitraries.strings().ofMaxLength(50));
        return Arbitraries.maps(keys, Arbitraries.strings().ofMaxLength(300)).ofMaxSize(20);
    }

    @Provide
    Arbitrary<RuntimeException> failure() {
        return Arbitraries.of(
                new IllegalArgumentException("java.nio.file.AccessDeniedException: /x"),
                new IllegalArgumentException("java.nio.charset.MalformedInputException: Input length = 1"),
                new IllegalArgumentException((String) null),
                new IllegalStateException("\u0000\u0001 binary garbage"));
    }

    private static void assertSane(AgentConfig config) {
        List<String> problems = config.problems();
        for (String line : problems) {
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            assertTrue(line.length() < 400, line);
        }
        assertTrue(config.metricsHost() != null && !config.metricsHost().isEmpty());
    }
}
