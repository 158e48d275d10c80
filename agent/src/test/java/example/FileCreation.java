package example;

import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every way of creating a file that file.permissive and file.insecure-temp judge: {@code bad} commits one violation
 * per method, {@code good} does the same work correctly, {@code group} (run it under umask 002) creates files that
 * the umask alone makes group-writable. Runs in the current directory (private to the test).
 */
public final class FileCreation {

    static final String SHARED = "/tmp/audit-it-" + ProcessHandle.current().pid();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("bad")) {
            fileOutputStreamSensitive();
            fileWriterKey();
            printWriterToken();
            randomAccessFileSecret();
            chmodWorldWritable();
            bufferedWriterPassword();
            fileChannelCredential();
            copyToKey();
            moveToPem();
            renamedToSensitiveName();
            fileRenamedToKey();
            linkedAsPem();
            mkdirSensitive();
            createDirectoriesToken();
            createNewFilePem();
            tempFileReadableKey();
            setWritableForAll();
            sharedDirectoryStream();
            sharedDirectoryFilesWrite();
        } else if (args[0].equals("group")) {
            ownerOnlyChannel();
            groupWritableStream();
            groupWritableFilesWrite();
            groupWritableWriter();
        } else {
            privateCreation();
            existingFile();
            fileAnotherProgramLeft();
            tempFile();
            atomicReplace();
            atomicReplaceWithFile();
            chmodPrivate();
            ordinaryReport();
            privateDirectory();
            sharedDirectoryTempFile();
            sharedDirectoryCreateNew();
            sharedDirectoryFileCreateTempFile();
        }
        System.out.println("done");
    }

    static void fileOutputStreamSensitive() throws IOException {
        try (FileOutputStream out = new FileOutputStream("app.state")) {
            out.write('x');
        }
        // reopened at once, maybe within the clock tick that created it: this open did not create it
        try (FileOutputStream out = new FileOutputStream("app.state", true)) {
            out.write('y');
        }
    }

    static void fileWriterKey() throws IOException {
        try (Writer out = new FileWriter("server.key")) {
            out.write("k");
        }
    }

    static void printWriterToken() throws IOException {
        try (PrintWriter out = new PrintWriter(new File("api-token.txt"))) {
            out.print("t");
        }
    }

    static void randomAccessFileSecret() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile("db-secret.bin", "rw")) {
            file.write(1);
        }
    }

    static void chmodWorldWritable() throws IOException {
        Path data = Files.writeString(Path.of("data.txt"), "d");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    static void bufferedWriterPassword() throws IOException {
        try (Writer out = Files.newBufferedWriter(Path.of("password.txt"))) {
            out.write("p");
        }
    }

    static void fileChannelCredential() throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of("credentials.json"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'{', '}'}));
        }
    }

    static void copyToKey() throws IOException {
        Path source = Files.createTempFile(Path.of("."), "src", ".bin");
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        Files.copy(source, Path.of("copy.key"));
    }

    static void moveToPem() throws IOException {
        Path source = Files.createTempFile(Path.of("."), "src", ".bin");
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(source, Path.of("cert.pem"));
    }

    static void renamedToSensitiveName() throws IOException {
        Path temp = Files.createTempFile(Path.of("."), "session", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'s'}));
        }
        Files.move(temp, Path.of("session.token"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** java.io's atomic replace: {@code File.createTempFile} leaves the umask's mode (0644), which the new name makes a finding. */
    static void fileRenamedToKey() throws IOException {
        File temp = File.createTempFile("deploy", ".tmp", new File("."));
        try (FileOutputStream out = new FileOutputStream(temp)) {
            out.write('k');
        }
        if (!temp.renameTo(new File("deploy.key"))) {
            throw new IOException("rename failed");
        }
    }

    static void linkedAsPem() throws IOException {
        Path chain = Files.writeString(Path.of("chain.txt"), "c");
        Files.createLink(Path.of("chain.pem"), chain);
    }

    static void mkdirSensitive() {
        new File("secrets").mkdir();
    }

    static void createDirectoriesToken() throws IOException {
        Files.createDirectories(Path.of("cache", "token-store"));
    }

    static void createNewFilePem() throws IOException {
        new File("ca.pem").createNewFile();
    }

    static void setWritableForAll() {
        File dir = new File("shared-dir");
        dir.mkdir();
        dir.setWritable(true, false);
    }

    static void sharedDirectoryStream() throws IOException {
        try (FileOutputStream out = new FileOutputStream(SHARED + "-stream.txt")) {
            out.write('x');
        } finally {
            Files.deleteIfExists(Path.of(SHARED + "-stream.txt"));
        }
    }

    static void sharedDirectoryFilesWrite() throws IOException {
        try {
            Files.writeString(Path.of(SHARED + "-files.txt"), "x");
        } finally {
            Files.deleteIfExists(Path.of(SHARED + "-files.txt"));
        }
    }

    static void privateCreation() throws IOException {
        try (var out = Files.newByteChannel(Path.of("app.state"), Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            out.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}));
        }
    }

    static void existingFile() throws IOException {
        try (FileOutputStream out = new FileOutputStream("app.state", true)) {
            out.write('y');
        }
    }

    /** A world-readable state file another program created a minute ago: appending to it or rewriting it creates nothing. */
    static void fileAnotherProgramLeft() throws IOException, InterruptedException {
        Process touch = new ProcessBuilder("touch", "-d", "1 minute ago", "legacy.state").inheritIO().start();
        if (touch.waitFor() != 0) {
            throw new IOException("touch failed");
        }
        try (FileOutputStream out = new FileOutputStream("legacy.state", true)) {
            out.write('a');
        }
        try (FileOutputStream out = new FileOutputStream("legacy.state")) {
            out.write('b');
        }
        Files.writeString(Path.of("legacy.state"), "c");
    }

    // "group" runs under umask 002: every file a default-mode open creates is group-writable, each one a finding

    static void ownerOnlyChannel() throws IOException {
        try (var out = Files.newByteChannel(Path.of("private.txt"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            out.write(java.nio.ByteBuffer.wrap(new byte[] {'p'}));
        }
    }

    static void groupWritableStream() throws IOException {
        try (FileOutputStream out = new FileOutputStream("report.txt")) {
            out.write('r');
        }
    }

    static void groupWritableFilesWrite() throws IOException {
        Files.writeString(Path.of("notes.txt"), "n");
    }

    static void groupWritableWriter() throws IOException {
        try (Writer out = new FileWriter("data.csv")) {
            out.write("d");
        }
    }

    static void tempFileReadableKey() throws IOException {
        Files.createTempFile(Path.of("."), "client", ".key", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    }

    static void tempFile() throws IOException {
        Path temp = Files.createTempFile(Path.of("."), "session", ".token");
        Files.writeString(temp, "t");
    }

    static void atomicReplace() throws IOException {
        Path temp = Files.createTempFile(Path.of("."), "signing", ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'k'}));
            channel.force(true);
        }
        Files.move(temp, Path.of("signing.key"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void atomicReplaceWithFile() throws IOException {
        File temp = Files.createTempFile(Path.of("."), "deploy", ".tmp").toFile();
        try (FileOutputStream out = new FileOutputStream(temp)) {
            out.write('k');
        }
        if (!temp.renameTo(new File("deploy.key"))) {
            throw new IOException("rename failed");
        }
    }

    static void chmodPrivate() throws IOException {
        Path key = Files.createTempFile(Path.of("."), "server", ".key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    static void ordinaryReport() throws IOException {
        try (FileOutputStream out = new FileOutputStream("report.txt")) {
            out.write('r');
        }
    }

    static void privateDirectory() throws IOException {
        Files.createDirectory(Path.of("secrets"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    static void sharedDirectoryTempFile() throws IOException {
        Path temp = Files.createTempFile("audit-it", ".txt");
        try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
            out.write('x');
        } finally {
            Files.delete(temp);
        }
    }

    static void sharedDirectoryCreateNew() throws IOException {
        Path file = Path.of(SHARED + "-new.txt");
        try {
            Files.writeString(file, "x", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void sharedDirectoryFileCreateTempFile() throws IOException {
        File temp = File.createTempFile("audit-it", ".txt");
        try (FileWriter out = new FileWriter(temp)) {
            out.write('x');
        } finally {
            temp.delete();
        }
    }
}
