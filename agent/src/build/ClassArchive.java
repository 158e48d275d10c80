import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (package, on the shaded class files): packs the class files a list names, in its order (a class after
 * the listed classes it extends), into one file that BootstrapInjector reads as one jar entry at every start, instead
 * of one entry per class through a class loader: for the bridge (META-INF/jvm-audit/bootstrap-classes, simple names
 * in dev.jvmaudit.bootstrap) and for the agent's own start path (META-INF/jvm-audit/start-classes, names relative to
 * dev.jvmaudit.agent). Each class: the length of its binary name (u2), the name (ASCII), the length of its class file
 * (s4), the class file.
 *
 * usage: java ClassArchive.java CLASSES_DIR LIST ARCHIVE PACKAGE   (LIST and ARCHIVE relative to CLASSES_DIR)
 */
public final class ClassArchive {

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        String packagePrefix = args[3] + ".";
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(archive);
        for (String line : Files.readAllLines(classes.resolve(args[1]))) {
            String relativeName = line.strip();
            if (relativeName.isEmpty()) {
                continue;
            }
            String binaryName = packagePrefix + relativeName;
            byte[] name = binaryName.getBytes(StandardCharsets.US_ASCII);
            byte[] classFile = Files.readAllBytes(classes.resolve(binaryName.replace('.', '/') + ".class"));
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(classFile.length);
            out.write(classFile);
        }
        Files.write(classes.resolve(args[2]), archive.toByteArray());
    }
}
