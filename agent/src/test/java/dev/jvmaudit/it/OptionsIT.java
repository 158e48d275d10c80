package dev.jvmaudit.it;

import example.FileCreation;
import example.Hello;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options from the agent argument, system properties, the environment and a file; bad ones never stop the application. */
class OptionsIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void unknownOptionIsOneLineAndTheApplicationRuns(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hello.class)
                .exactAgentArgs("metrics=off,metrics.prot=9999").run();
        assertEquals(0, run.exitCode());
        assertEquals("hello\n", run.stdout());
        assertEquals("audit: unknown option 'metrics.prot' (ignored)\nbye\n", run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void malformedValueNamesTheKeyAndTheDefaultApplies(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hello.class)
                .exactAgentArgs("metrics=off,shutdown.budget=soon").run();
        assertEquals(0, run.exitCode());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(2, lines.size(), run.stderr());
        assertTrue(lines.get(0).startsWith("audit: option 'shutdown.budget' has value 'soon'"), lines.get(0));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void strictMakesABadOptionFatal(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(Hello.class)
                .exactAgentArgs("metrics=off,strict=true,metrics.prot=9999").run();
        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("strict=true"), run.stderr());
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void systemPropertiesEnvironmentAndConfigFileApply(Path jdk) throws Exception {
        Path config = Scratch.file("audit", ".properties");
        Files.writeString(config, "rules.file.insecure-temp.enabled=false\nrules.file.permissive.allow=*/db-secret.bin\n");
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad")
                .jvm("-Daudit.config=" + config)
                .env("AUDIT_RULES_FILE_PERMISSIVE_SEVERITY", "low")
                .run();
        Files.delete(config);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(), run.findings("file.insecure-temp"), "disabled by the config file");
        assertEquals(16, run.findings("file.permissive").size(), "17 cases, one allowed by path");
        assertTrue(run.findings("file.permissive").stream().allMatch(f -> f.get("severity").asText().equals("low")));
        assertFalse(run.findings().stream().anyMatch(f -> f.get("path").asText().endsWith("db-secret.bin")));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void agentArgumentWinsOverSystemProperty(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad")
                .agentArgs("rules.file.permissive.severity=critical")
                .jvm("-Daudit.rules.file.permissive.severity=info", "-Daudit.rules.file.permissive.allow=example.*")
                .run();
        assertEquals(List.of(), run.findings("file.permissive"), "allowed by call-site class from a system property");
        AgentRun.Running second = AgentRun.on(jdk).main(FileCreation.class, "bad")
                .agentArgs("rules.file.permissive.severity=critical")
                .jvm("-Daudit.rules.file.permissive.severity=info").run();
        assertTrue(second.findings("file.permissive").stream().allMatch(f -> f.get("severity").asText().equals("critical")));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void metricsOffReportsWithoutLoadingTheMetricsLibrary(Path jdk) throws Exception {
        Path classLog = Scratch.file("class-load", ".txt");
        AgentRun.Running run = AgentRun.on(jdk).main(FileCreation.class, "bad")
                .jvm("-Xlog:class+load:file=" + classLog)
                .agentArgs("metrics=off")
                .run();
        List<String> loaded = Files.readAllLines(classLog);
        Files.delete(classLog);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(17, run.findings("file.permissive").size());
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.jvmaudit.agent.shaded.logback")), "the log is used");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("dev.jvmaudit.agent.shaded.micrometer")
                || l.contains("java.lang.management.")).toList());
    }
}
