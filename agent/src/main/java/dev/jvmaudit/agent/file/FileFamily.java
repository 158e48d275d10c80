package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.FileBridge;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Every JDK method through which application code creates or opens a file for writing, or changes its mode.
 *
 * <pre>
 * java.io.FileOutputStream.open(String, boolean)         FileOutputStream, FileWriter, PrintWriter(File)
 * java.io.RandomAccessFile.open(String, int)              RandomAccessFile "rw", "rws", "rwd"
 * sun.nio.fs.UnixFileSystemProvider.newByteChannel        Files.newOutputStream/newBufferedWriter/write/writeString/
 *                                                           newByteChannel/createFile/createTempFile
 * sun.nio.fs.UnixFileSystemProvider.newFileChannel        FileChannel.open
 * sun.nio.fs.UnixFileSystemProvider.newAsynchronousFileChannel
 * sun.nio.fs.UnixFileSystemProvider.createDirectory       Files.createDirectory/createDirectories
 * sun.nio.fs.UnixFileSystemProvider.copy / move           Files.copy/move targets
 * java.io.File.mkdir() / createNewFile()                  File.mkdir(s), createNewFile
 * java.io.File.createTempFile(String, String, File)       File.createTempFile (exclusive, bypasses createNewFile)
 * java.io.File.setReadable/setWritable/setExecutable      permission changes
 * sun.nio.fs.UnixFileAttributeViews$Posix.setPermissions  Files.setPosixFilePermissions
 * </pre>
 */
public final class FileFamily implements Family {

    private static final String UNIX_PROVIDER = "sun.nio.fs.UnixFileSystemProvider";

    @Override
    public String name() {
        return "file";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.io.FileOutputStream",
                        named("open").and(takesArguments(String.class, boolean.class)), FileOutputStreamOpenAdvice.class),
                new Hook("java.io.RandomAccessFile",
                        named("open").and(takesArguments(String.class, int.class)), RandomAccessFileOpenAdvice.class),
                new Hook(UNIX_PROVIDER,
                        namedOneOf("newByteChannel", "newFileChannel", "newAsynchronousFileChannel")
                                .and(takesArgument(1, java.util.Set.class)), ChannelOpenAdvice.class),
                new Hook(UNIX_PROVIDER, named("createDirectory"), CreateDirectoryAdvice.class),
                new Hook(UNIX_PROVIDER, namedOneOf("copy", "move").and(takesArguments(3)), CopyMoveAdvice.class),
                new Hook("java.io.File", named("mkdir").and(takesArguments(0)), FileMkdirAdvice.class),
                new Hook("java.io.File", named("createNewFile"), FileCreateNewFileAdvice.class),
                new Hook("java.io.File", named("createTempFile").and(takesArguments(3)), FileCreateTempFileAdvice.class),
                new Hook("java.io.File",
                        namedOneOf("setReadable", "setWritable", "setExecutable").and(takesArguments(boolean.class, boolean.class)),
                        FileSetPermissionAdvice.class),
                new Hook("sun.nio.fs.UnixFileAttributeViews$Posix", named("setPermissions"), PosixSetPermissionsAdvice.class));
    }

    @Override
    public void start(AgentContext context) {
        FileBridge.hooks = new FileRules(context);
    }

    @Override
    public void stop() {
        FileBridge.hooks = null;
    }
}
