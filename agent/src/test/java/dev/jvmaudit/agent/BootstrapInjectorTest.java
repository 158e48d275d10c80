package dev.jvmaudit.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BootstrapInjectorTest {

    @Test
    void unpacksTheClassesInTheArchivesOrder() throws IOException {
        byte[] guard = {(byte) 0xCA, (byte) 0xFE, 1};
        byte[] hooks = {(byte) 0xCA, (byte) 0xFE, 2, 3};
        Map<String, byte[]> classes = BootstrapInjector.unpack("bootstrap.bin",
                archive("dev.jvmaudit.bootstrap.Guard", guard, "dev.jvmaudit.bootstrap.FileBridge$Hooks", hooks));
        assertEquals(List.of("dev.jvmaudit.bootstrap.Guard", "dev.jvmaudit.bootstrap.FileBridge$Hooks"),
                List.copyOf(classes.keySet()));
        assertArrayEquals(guard, classes.get("dev.jvmaudit.bootstrap.Guard"));
        assertArrayEquals(hooks, classes.get("dev.jvmaudit.bootstrap.FileBridge$Hooks"));
    }

    @Test
    void aTruncatedOrEmptyArchiveIsAnErrorNotAShorterBridge() throws IOException {
        byte[] whole = archive("a.Guard", new byte[10], "a.FileBridge", new byte[10]);
        IOException truncated = assertThrows(IOException.class,
                () -> BootstrapInjector.unpack("start.bin", Arrays.copyOf(whole, whole.length - 1)));
        assertEquals("start.bin is truncated after 1 classes", truncated.getMessage());
        assertThrows(IOException.class, () -> BootstrapInjector.unpack("start.bin", new byte[0]));
        assertThrows(IOException.class,
                () -> BootstrapInjector.unpack("start.bin", new byte[]{0, 1, 'G', (byte) 0xFF, 0, 0, 0}));
    }

    /** The format of src/build/ClassArchive.java. */
    private static byte[] archive(Object... namesAndClassFiles) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int i = 0; i < namesAndClassFiles.length; i += 2) {
            byte[] name = ((String) namesAndClassFiles[i]).getBytes(StandardCharsets.US_ASCII);
            byte[] classFile = (byte[]) namesAndClassFiles[i + 1];
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(classFile.length);
            out.write(classFile);
        }
        return bytes.toByteArray();
    }
}
