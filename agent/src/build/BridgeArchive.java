import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (process-classes): packs the bridge's class files, in the order META-INF/jvm-audit/bootstrap-classes
 * lists them (a class after the bridge classes it extends), into META-INF/jvm-audit/bootstrap.bin, which
 * BootstrapInjector reads as one jar entry: sixteen entries cost every start ~2 ms of inflating and buffering in the
 * interpreter. Each class: the length of its simple name (u2), the name (ASCII), the length of its class file (s4),
 * the class file.
 *
 * usage: java BridgeArchive.java target/classes
 */
public final class BridgeArchive {

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(archive);
        for (String line : Files.readAllLines(classes.resolve("META-INF/jvm-audit/bootstrap-classes"))) {
            String simpleName = line.strip();
            if (simpleName.isEmpty()) {
                continue;
            }
            byte[] name = simpleName.getBytes(StandardCharsets.US_ASCII);
            byte[] classFile = Files.readAllBytes(classes.resolve("dev/jvmaudit/bootstrap/" + simpleName + ".class"));
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(classFile.length);
            out.write(classFile);
        }
        Files.write(classes.resolve("META-INF/jvm-audit/bootstrap.bin"), archive.toByteArray());
    }
}
