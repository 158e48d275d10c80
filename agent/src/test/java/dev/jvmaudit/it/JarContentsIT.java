package dev.jvmaudit.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** audit.jar holds nothing outside the agent's own package, META-INF and the bridge. */
class JarContentsIT {

    @Test
    void onlyTheAgentsOwnPackageAndMetaInf() throws Exception {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
            List<String> outside = jar.stream().map(JarEntry::getName)
                    .filter(n -> !n.startsWith("META-INF/") && !n.startsWith("dev/jvmaudit/agent/")
                            && !n.startsWith("dev/jvmaudit/bootstrap/") && !n.equals("dev/") && !n.equals("dev/jvmaudit/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), outside);
            List<String> services = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                    .collect(Collectors.toList());
            assertEquals(List.of("META-INF/services/dev.jvmaudit.agent.shaded.slf4j.spi.SLF4JServiceProvider"), services,
                    "no service file names a type the application could look up");
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.jvmaudit.agent.AuditAgent", manifest.getValue("Premain-Class"));
            assertEquals("dev.jvmaudit.agent.AuditAgent", manifest.getValue("Agent-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
            assertTrue(jar.stream().noneMatch(e -> e.getName().endsWith("logback.xml") || e.getName().endsWith("logback-test.xml")));
            List<String> bridge = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("dev/jvmaudit/bootstrap/") && n.endsWith(".class"))
                    .map(n -> n.substring("dev/jvmaudit/bootstrap/".length(), n.length() - ".class".length()))
                    .sorted().collect(Collectors.toList());
            String listed = new String(jar.getInputStream(jar.getEntry("META-INF/jvm-audit/bootstrap-classes")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(bridge, listed.lines().filter(l -> !l.isBlank()).sorted().collect(Collectors.toList()),
                    "META-INF/jvm-audit/bootstrap-classes lists every bridge class the injector must define");
        }
    }
}
