package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.BuiltOnFirstCall;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.agent.TaggedCall;
import dev.jvmaudit.bootstrap.FileBridge;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.jvmaudit.agent.Methods.constructor;
import static dev.jvmaudit.agent.Methods.method;

/**
 * Every JDK method through which application code creates or opens a file for writing, or changes its mode.
 *
 * <pre>
 * java.io.FileOutputStream.open(String, boolean)         FileOutputStream, FileWriter, PrintWriter(File)
 * java.io.RandomAccessFile.open(String, int)              RandomAccessFile "rw", "rws", "rwd"
 * sun.nio.fs.UnixFileSystemProvider.newByteChannel        Files.newOutputStream/newBufferedWriter/write/writeString/
 *                                                           newByteChannel/createFile/createTempFile
 * java.nio.file.Files.write / writeString                 (each overload) marks the channel it opens as one it closes
 *                                                           itself: its call site is read from its thread when needed
 * sun.nio.fs.UnixFileSystemProvider.newFileChannel        FileChannel.open
 * sun.nio.fs.UnixFileSystemProvider.newAsynchronousFileChannel
 * sun.nio.fs.UnixFileSystemProvider.createDirectory       Files.createDirectory/createDirectories
 * sun.nio.fs.UnixFileSystemProvider.copy                  Files.copy targets
 * sun.nio.fs.UnixFileSystemProvider.move                  Files.move targets
 * sun.nio.fs.UnixFileSystemProvider.createLink            Files.createLink: the link, as a move of the existing file
 * java.io.File.renameTo(File)                             File.renameTo targets
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
 *
 * calls tagged in application code with their call site (the open's hook then captures no stack):
 * new FileOutputStream / FileWriter / PrintWriter / PrintStream / RandomAccessFile (String or File, ...)
 * Files.newOutputStream / newBufferedWriter / newByteChannel, FileChannel.open, AsynchronousFileChannel.open
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

    /** The application's opens that hand it a handle: their sites are tagged, not captured, when the handle is tracked. */
    @Override
    public List<TaggedCall> taggedCalls() {
        List<TaggedCall> calls = new ArrayList<>();
        for (String opener : List.of(FOS, "java.io.FileWriter", "java.io.PrintWriter", "java.io.PrintStream", RAF)) {
            calls.add(new TaggedCall(opener, constructor().parameter(0, String.class), "file"));
            calls.add(new TaggedCall(opener, constructor().parameter(0, java.io.File.class), "file"));
        }
        calls.add(new TaggedCall("java.nio.file.Files", method("newOutputStream", "newBufferedWriter", "newByteChannel"), "file"));
        calls.add(new TaggedCall("java.nio.channels.FileChannel", method("open"), "file"));
        calls.add(new TaggedCall("java.nio.channels.AsynchronousFileChannel", method("open"), "file"));
        return calls;
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.io.FileOutputStream", method("open").parameters(String.class, boolean.class), "file.FileOutputStreamOpenAdvice"),
                new Hook("java.io.RandomAccessFile", method("open").parameters(String.class, int.class), "file.RandomAccessFileOpenAdvice"),
                new Hook(UNIX_PROVIDER, method("newByteChannel", "newFileChannel", "newAsynchronousFileChannel")
                        .parameter(1, java.util.Set.class), "file.ChannelOpenAdvice"),
                new Hook("java.nio.file.Files", method("write", "writeString"), "file.WholeFileWriteAdvice"),
                new Hook(UNIX_PROVIDER, method("createDirectory"), "file.CreateDirectoryAdvice"),
                new Hook(UNIX_PROVIDER, method("copy").arity(3), "file.CopyAdvice"),
                new Hook(UNIX_PROVIDER, method("move").arity(3), "file.MoveAdvice"),
                new Hook(UNIX_PROVIDER, method("createLink").arity(2), "file.CreateLinkAdvice"),
                new Hook("java.io.File", method("renameTo").parameters(java.io.File.class), "file.FileRenameAdvice"),
                new Hook("java.io.File", method("mkdir").arity(0), "file.FileMkdirAdvice"),
                new Hook("java.io.File", method("createNewFile"), "file.FileCreateNewFileAdvice"),
                new Hook("java.io.File", method("createTempFile").arity(3), "file.FileCreateTempFileAdvice"),
                new Hook("java.io.File", method("setReadable", "setWritable", "setExecutable").parameters(boolean.class, boolean.class),
                        "file.FileSetPermissionAdvice"),
                new Hook("sun.nio.fs.UnixFileAttributeViews$Posix", method("setPermissions"), "file.PosixSetPermissionsAdvice"),

                new Hook(FOS, method("write").parameters(int.class), "file.WriteByteAdvice"),
                new Hook(FOS, method("write").parameters(byte[].class), "file.WriteArrayAdvice"),
                new Hook(FOS, method("write").parameters(byte[].class, int.class, int.class), "file.WriteRangeAdvice"),
                new Hook(FOS, method("close").arity(0), "file.CloseAdvice"),
                new Hook(RAF, method("write").parameters(int.class), "file.WriteByteAdvice"),
                new Hook(RAF, method("write").parameters(byte[].class), "file.WriteArrayAdvice"),
                new Hook(RAF, method("write").parameters(byte[].class, int.class, int.class), "file.WriteRangeAdvice"),
                new Hook(RAF, method("writeBytes", "writeChars").parameters(String.class), "file.WriteStringAdvice"),
                new Hook(RAF, method("close").arity(0), "file.CloseAdvice"),
                new Hook(CHANNEL, method("write").parameters(ByteBuffer.class), "file.ChannelWriteAdvice"),
                new Hook(CHANNEL, method("write").parameters(ByteBuffer.class, long.class), "file.ChannelWriteAtAdvice"),
                new Hook(CHANNEL, method("write").parameters(ByteBuffer[].class, int.class, int.class), "file.ChannelGatherWriteAdvice"),
                new Hook(CHANNEL, method("transferFrom").arity(3), "file.ChannelTransferFromAdvice"),
                new Hook(CHANNEL, method("lock", "tryLock").parameters(long.class, long.class, boolean.class), "file.ChannelLockAdvice"),
                new Hook(CHANNEL, method("implCloseChannel").arity(0), "file.CloseAdvice"),
                new Hook(ASYNC, method("implWrite").parameter(0, ByteBuffer.class).parameter(1, long.class), "file.AsyncWriteAdvice"),
                new Hook(ASYNC, method("close").arity(0), "file.CloseAdvice"),
                new Hook("sun.nio.ch.AsynchronousFileChannelImpl",
                        method("addToFileLockTable").parameters(long.class, long.class, boolean.class), "file.AsyncLockAdvice"));
    }

    private volatile FirstCall firstCall;

    @Override
    public void start(AgentContext context) {
        PrivateLookups.grantedBy(context.javaBase());
        FirstCall first = new FirstCall(context);
        firstCall = first;
        FileBridge.defaultPathClass = java.nio.file.FileSystems.getDefault().getPath("").getClass();
        FileBridge.hooks = first;
    }

    private FileRules builtRules() {
        FirstCall first = firstCall;
        return first == null ? null : first.built();
    }

    /**
     * Builds the rules when a file is first opened, created or re-permissioned; writes, locks and closes before that
     * are of files the rules would not know anyway.
     */
    private static final class FirstCall extends BuiltOnFirstCall<FileRules> implements FileBridge.Hooks {
        private final AgentContext context;

        FirstCall(AgentContext context) {
            this.context = context;
        }

        @Override
        protected FileRules build() {
            FileRules built = new FileRules(context);
            FileBridge.hooks = built;
            return built;
        }

        @Override
        public Object opening(Object path, int flags, String site) {
            FileRules r = rules();
            return r == null ? null : r.opening(path, flags, site);
        }

        @Override
        public Object openingChannel(Object path, Object options, Object attributes, int wholeFileWriteLevel, String site) {
            FileRules r = rules();
            return r == null ? null : r.openingChannel(path, options, attributes, wholeFileWriteLevel, site);
        }

        @Override
        public void created(Object path, boolean directory, boolean exclusive) {
            FileRules r = rules();
            if (r != null) {
                r.created(path, directory, exclusive);
            }
        }

        @Override
        public void moved(Object source, Object target, boolean link) {
            FileRules r = rules();
            if (r != null) {
                r.moved(source, target, link);
            }
        }

        @Override
        public void permissionsChanged(Object path) {
            FileRules r = rules();
            if (r != null) {
                r.permissionsChanged(path);
            }
        }

        @Override
        public void opened(Object token, Object handle) {
        }

        @Override
        public void written(Object handle, Object parent, long position, long length) {
        }

        @Override
        public void locked(Object channel, Object parent, Object lock) {
        }

        @Override
        public void closed(Object handle) {
        }
    }

    /** {@code file.open-at-exit} for files Python code left to Jython's closer, judged as the closer starts. */
    public void checkLeftToJythonCloser() {
        FileRules r = builtRules();
        if (r != null) {
            r.lifecycle().checkLeftToJythonCloser();
        }
    }

    /** Files the application still has open when it ends. */
    @Override
    public void atExit() {
        FileRules r = builtRules();
        if (r != null) {
            r.lifecycle().checkAtExit();
        }
    }

    @Override
    public void stop() {
        FirstCall first = firstCall;
        if (first != null) {
            first.stop();
        }
        FileBridge.hooks = null;
        FileBridge.sharedFiles = 0;
    }
}
