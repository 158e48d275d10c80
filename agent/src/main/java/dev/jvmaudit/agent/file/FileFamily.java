package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;
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
 *
 * file.concurrent-write / file.open-at-exit (each write costs one volatile read while no file has two open handles):
 * java.io.FileOutputStream.write(int) / write(byte[]) / write(byte[], int, int) / close()
 * java.io.RandomAccessFile.write(int) / write(byte[]) / write(byte[], int, int) / writeBytes(String) / writeChars(String)
 *                                                           / close()   (writeInt... end in write(int) or write(byte[], int, int))
 * sun.nio.ch.FileChannelImpl.write(ByteBuffer) / write(ByteBuffer, long) / write(ByteBuffer[], int, int)
 *                            / transferFrom / lock / tryLock(long, long, boolean) / implCloseChannel()
 * sun.nio.ch.SimpleAsynchronousFileChannelImpl.implWrite / close()
 * sun.nio.ch.AsynchronousFileChannelImpl.addToFileLockTable   every lock of an AsynchronousFileChannel
 * </pre>
 */
public final class FileFamily implements Family {

    private static final String UNIX_PROVIDER = "sun.nio.fs.UnixFileSystemProvider";
    private static final String FOS = "java.io.FileOutputStream";
    private static final String RAF = "java.io.RandomAccessFile";
    private static final String CHANNEL = "sun.nio.ch.FileChannelImpl";
    private static final String ASYNC = "sun.nio.ch.SimpleAsynchronousFileChannelImpl";

    @Override
    public String name() {
        return "file";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.io.FileOutputStream",
                        () -> named("open").and(takesArguments(String.class, boolean.class)), FileOutputStreamOpenAdvice.class),
                new Hook("java.io.RandomAccessFile",
                        () -> named("open").and(takesArguments(String.class, int.class)), RandomAccessFileOpenAdvice.class),
                new Hook(UNIX_PROVIDER,
                        () -> namedOneOf("newByteChannel", "newFileChannel", "newAsynchronousFileChannel")
                                .and(takesArgument(1, java.util.Set.class)), ChannelOpenAdvice.class),
                new Hook(UNIX_PROVIDER, () -> named("createDirectory"), CreateDirectoryAdvice.class),
                new Hook(UNIX_PROVIDER, () -> namedOneOf("copy", "move").and(takesArguments(3)), CopyMoveAdvice.class),
                new Hook("java.io.File", () -> named("mkdir").and(takesArguments(0)), FileMkdirAdvice.class),
                new Hook("java.io.File", () -> named("createNewFile"), FileCreateNewFileAdvice.class),
                new Hook("java.io.File", () -> named("createTempFile").and(takesArguments(3)), FileCreateTempFileAdvice.class),
                new Hook("java.io.File",
                        () -> namedOneOf("setReadable", "setWritable", "setExecutable").and(takesArguments(boolean.class, boolean.class)),
                        FileSetPermissionAdvice.class),
                new Hook("sun.nio.fs.UnixFileAttributeViews$Posix", () -> named("setPermissions"), PosixSetPermissionsAdvice.class),

                new Hook(FOS, () -> named("write").and(takesArguments(int.class)), WriteByteAdvice.class),
                new Hook(FOS, () -> named("write").and(takesArguments(byte[].class)), WriteArrayAdvice.class),
                new Hook(FOS, () -> named("write").and(takesArguments(byte[].class, int.class, int.class)), WriteRangeAdvice.class),
                new Hook(FOS, () -> named("close").and(takesArguments(0)), CloseAdvice.class),
                new Hook(RAF, () -> named("write").and(takesArguments(int.class)), WriteByteAdvice.class),
                new Hook(RAF, () -> named("write").and(takesArguments(byte[].class)), WriteArrayAdvice.class),
                new Hook(RAF, () -> named("write").and(takesArguments(byte[].class, int.class, int.class)), WriteRangeAdvice.class),
                new Hook(RAF, () -> namedOneOf("writeBytes", "writeChars").and(takesArguments(String.class)), WriteStringAdvice.class),
                new Hook(RAF, () -> named("close").and(takesArguments(0)), CloseAdvice.class),
                new Hook(CHANNEL, () -> named("write").and(takesArguments(ByteBuffer.class)), ChannelWriteAdvice.class),
                new Hook(CHANNEL, () -> named("write").and(takesArguments(ByteBuffer.class, long.class)), ChannelWriteAtAdvice.class),
                new Hook(CHANNEL, () -> named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class)),
                        ChannelGatherWriteAdvice.class),
                new Hook(CHANNEL, () -> named("transferFrom").and(takesArguments(3)), ChannelTransferFromAdvice.class),
                new Hook(CHANNEL, () -> namedOneOf("lock", "tryLock").and(takesArguments(long.class, long.class, boolean.class)),
                        ChannelLockAdvice.class),
                new Hook(CHANNEL, () -> named("implCloseChannel").and(takesArguments(0)), CloseAdvice.class),
                new Hook(ASYNC, () -> named("implWrite").and(takesArgument(0, ByteBuffer.class)).and(takesArgument(1, long.class)),
                        AsyncWriteAdvice.class),
                new Hook(ASYNC, () -> named("close").and(takesArguments(0)), CloseAdvice.class),
                new Hook("sun.nio.ch.AsynchronousFileChannelImpl",
                        () -> named("addToFileLockTable").and(takesArguments(long.class, long.class, boolean.class)), AsyncLockAdvice.class));
    }

    private volatile FileRules rules;

    @Override
    public void start(AgentContext context) {
        FileRules r = new FileRules(context);
        rules = r;
        FileBridge.hooks = r;
    }

    /** {@code file.open-at-exit} for files Python code left to Jython's closer, judged as the closer starts. */
    public void checkLeftToJythonCloser() {
        FileRules r = rules;
        if (r != null) {
            r.lifecycle().checkLeftToJythonCloser();
        }
    }

    @Override
    public void stop() {
        FileBridge.hooks = null;
        FileBridge.sharedFiles = 0;
    }
}
