package dev.jvmaudit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinnedForkTest {

    /** The wrapper JMH starts instead of java really runs java, on that CPU alone, sized for the whole machine. */
    @Test
    void aPinnedForkRunsJavaOnOneCpuSizedForTheMachine(@TempDir Path dir) throws Exception {
        BenchMain.Fork fork = BenchMain.Fork.pinned(0, dir);
        int machine = Runtime.getRuntime().availableProcessors();
        assertEquals(List.of("-XX:ActiveProcessorCount=" + machine), fork.jvmArgs());
        Process p = new ProcessBuilder(fork.jvm(), "-XX:ActiveProcessorCount=" + machine,
                "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("java.home = " + System.getProperty("java.home")), out);
        Process affinity = new ProcessBuilder(fork.jvm(), "-cp", System.getProperty("java.class.path"),
                PrintCpus.class.getName()).redirectErrorStream(true).start();
        String cpus = new String(affinity.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, affinity.waitFor(), cpus);
        assertEquals("Cpus_allowed_list:\t0", cpus);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(fork.jvm()))));
    }

    @Test
    void aCpuTheMachineDoesNotHaveIsRefused(@TempDir Path dir) {
        int machine = Runtime.getRuntime().availableProcessors();
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Fork.pinned(machine, dir));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Fork.pinned(-1, dir));
    }

    /** Prints the CPUs this process may run on, as the kernel has them. */
    public static final class PrintCpus {
        public static void main(String[] args) throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    System.out.println(line);
                }
            }
        }
    }
}
