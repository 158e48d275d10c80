package dev.jvmaudit.it;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * audit.jar holds nothing outside the agent's own package, META-INF and the bridge; the shaded libraries are one nested
 * jar, so the index the JVM reads at every start stays small.
 */
class JarContentsIT {

    /** The JVM reads the whole index of the -javaagent jar at every start: 5,000 entries cost 7 ms on JDK 17, 15 on 25. */
    private static final int MOST_ENTRIES = 400;

    @Test
    void theLibrariesAreOneNestedJarOfShadedClassesOnly() throws Exception {
        try (JarFile jar = new JarFile(AgentRun.AGENT_JAR.toFile())) {
            assertTrue(jar.size() < MOST_ENTRIES, jar.size() + " entries in " + AgentRun.AGENT_JAR);
            assertEquals(List.of(), jar.stream().map(JarEntry::getName).filter(n -> n.startsWith("dev/jvmaudit/agent/shaded/")).toList(),
                    "shaded classes outside the nested jar");
            assertTrue(jar.getEntry("dev/jvmaudit/agent/asm/ClassReader.class") != null,
                    "the weaver's ASM is in audit.jar itself, relocated: a cold start needs it before anything nested");
            Path nested = Scratch.file("audit-lib", ".jar");
            try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/jvm-audit/lib.jar"))) {
                Files.copy(in, nested, StandardCopyOption.REPLACE_EXISTING);
            }
            try (JarFile lib = new JarFile(nested.toFile())) {
                List<String> names = lib.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/")).toList();
                assertTrue(names.size() > 1500, names.size() + " entries in the nested jar");
                assertEquals(List.of(), names.stream()
                        .filter(n -> !n.startsWith("dev/jvmaudit/agent/shaded/") && !n.matches("META-INF/micrometer-[a-z-]+\\.(properties|kotlin_module)"))
                        .toList(), "the nested jar holds the shaded libraries and their version files, nothing else");
                for (String library : List.of("logback", "slf4j", "micrometer", "prometheus")) {
                    assertTrue(names.stream().anyMatch(n -> n.startsWith("dev/jvmaudit/agent/shaded/" + library + "/")), library);
                }
            } finally {
                Files.delete(nested);
            }
        }
    }

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
                    StandardCharsets.UTF_8);
            List<String> inOrder = listed.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
            assertEquals(bridge, inOrder.stream().sorted().collect(Collectors.toList()),
                    "META-INF/jvm-audit/bootstrap-classes lists every bridge class the injector must define");
            assertArchiveHoldsTheListedClasses(jar, "bootstrap", "dev.jvmaudit.bootstrap.");
            assertArchiveHoldsTheListedClasses(jar, "start", "dev.jvmaudit.agent.");
        }
    }

    /** META-INF/jvm-audit/NAME.bin holds the class files NAME-classes lists, byte for byte, in its order. */
    private static void assertArchiveHoldsTheListedClasses(JarFile jar, String name, String packagePrefix)
            throws IOException {
        String list = new String(jar.getInputStream(jar.getEntry("META-INF/jvm-audit/" + name + "-classes")).readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> listed = list.lines().filter(l -> !l.isBlank()).map(l -> packagePrefix + l.strip())
                .collect(Collectors.toList());
        Map<String, byte[]> archived = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(
                jar.getInputStream(jar.getEntry("META-INF/jvm-audit/" + name + ".bin")))) {
            while (in.available() > 0) {
                String binaryName = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.US_ASCII);
                archived.put(binaryName, in.readNBytes(in.readInt()));
            }
        }
        assertEquals(listed, List.copyOf(archived.keySet()), name + ".bin holds the listed classes, in order");
        for (String binaryName : listed) {
            assertArrayEquals(jar.getInputStream(jar.getEntry(binaryName.replace('.', '/') + ".class")).readAllBytes(),
                    archived.get(binaryName), binaryName);
        }
    }
}
