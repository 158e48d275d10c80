package dev.jvmaudit.agent.file;

import dev.jvmaudit.bootstrap.Guard;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The attributes of a file the application has just opened, or only its identity, read through the new descriptor
 * ({@code fstat}): the file really opened, whatever its path leads to by now, with no second walk of the path. It calls
 * the JDK's own {@code fstat} ({@code sun.nio.fs}, {@code sun.nio.ch}, through {@link PrivateLookups}), looked up
 * on first use (a few milliseconds of method handles, once); where that fails every answer is null and the caller
 * reads the path instead.
 */
final class Descriptors {

    private static final boolean AVAILABLE = lookUp();
    private static final boolean IDENTITY_AVAILABLE = AVAILABLE && lookUpIdentity();

    private Descriptors() {
    }

    /** Counted as the agent's own failure: the rules still work, reading paths instead, one more system call per open. */
    private static boolean lookUp() {
        try {
            return Fstat.ATTRIBUTES != null;
        } catch (LinkageError e) {
            Guard.failed("file", e);
            return false;
        }
    }

    private static boolean lookUpIdentity() {
        try {
            return Identity.CREATE != null;
        } catch (LinkageError e) {
            Guard.failed("file", e);
            return false;
        }
    }

    /**
     * The attributes of the file open through {@code handle} (a {@code FileOutputStream}, {@code RandomAccessFile} or
     * the JDK's {@code FileChannel}), or null. Call only while the handle cannot have been closed: right after its open,
     * before the application holds it, so the descriptor cannot have been reused.
     */
    static PosixFileAttributes attributes(Object handle) {
        return AVAILABLE ? Fstat.attributes(handle) : null;
    }

    /**
     * The identity (device and inode) of the file open through {@code handle}, equal to the {@code fileKey()} of its
     * attributes, or null; the same call conditions as {@link #attributes} (or see {@code HandleTable.identifyPending}
     * for a handle another thread may be closing). Half the cost of the attributes here
     * (160 against 320 ns): the JDK copies two fields of the {@code stat} into Java objects instead of sixteen.
     */
    static Object identity(Object handle) {
        if (!IDENTITY_AVAILABLE) {
            return null;
        }
        FileDescriptor descriptor = Fstat.descriptor(handle);
        return descriptor == null ? null : Identity.of(descriptor);
    }

    /** The permission bits ({@code 0777}) of attributes read by either way, without building a set of them. */
    static int permissionBits(PosixFileAttributes attributes) {
        if (AVAILABLE && Fstat.UNIX_ATTRIBUTES.isInstance(attributes)) {
            return Fstat.mode(attributes) & 0777;
        }
        return Modes.of(attributes.permissions());
    }

    private static final class Fstat {
        static final Class<?> UNIX_ATTRIBUTES;
        static final Class<?> CHANNEL;
        /** {@code UnixFileAttributes.get(int fd)}, as {@code (int)Object}. */
        static final MethodHandle ATTRIBUTES;
        /** {@code UnixFileAttributes.mode()}, as {@code (Object)int}. */
        static final MethodHandle MODE;
        /** {@code FileDescriptor.fd}, as {@code (FileDescriptor)int}. */
        static final MethodHandle DESCRIPTOR_NUMBER;
        /** {@code FileChannelImpl.fd}, as {@code (Object)FileDescriptor}. */
        static final MethodHandle CHANNEL_DESCRIPTOR;

        static {
            try {
                UNIX_ATTRIBUTES = Class.forName("sun.nio.fs.UnixFileAttributes");
                CHANNEL = Class.forName("sun.nio.ch.FileChannelImpl");
                MethodHandles.Lookup nioFs = PrivateLookups.in(UNIX_ATTRIBUTES);
                ATTRIBUTES = nioFs.findStatic(UNIX_ATTRIBUTES, "get", MethodType.methodType(UNIX_ATTRIBUTES, int.class))
                        .asType(MethodType.methodType(Object.class, int.class));
                MODE = nioFs.findVirtual(UNIX_ATTRIBUTES, "mode", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
                DESCRIPTOR_NUMBER = PrivateLookups.in(FileDescriptor.class)
                        .findGetter(FileDescriptor.class, "fd", int.class);
                CHANNEL_DESCRIPTOR = PrivateLookups.in(CHANNEL).findGetter(CHANNEL, "fd", FileDescriptor.class)
                        .asType(MethodType.methodType(FileDescriptor.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static PosixFileAttributes attributes(Object handle) {
            FileDescriptor descriptor = descriptor(handle);
            if (descriptor == null) {
                return null;
            }
            try {
                int number = (int) DESCRIPTOR_NUMBER.invokeExact(descriptor);
                return number < 0 ? null : (PosixFileAttributes) (Object) ATTRIBUTES.invokeExact(number);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return null; // the JDK's UnixException: the descriptor could not be read
            }
        }

        /** The descriptor of a {@code FileOutputStream}, {@code RandomAccessFile} or the JDK's {@code FileChannel}, or null. */
        static FileDescriptor descriptor(Object handle) {
            try {
                return handle instanceof FileOutputStream stream ? stream.getFD()
                        : handle instanceof RandomAccessFile file ? file.getFD()
                        : CHANNEL.isInstance(handle) ? (FileDescriptor) CHANNEL_DESCRIPTOR.invokeExact(handle)
                        : null;
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return null; // getFD's IOException
            }
        }

        static int mode(PosixFileAttributes attributes) {
            try {
                return (int) MODE.invokeExact((Object) attributes);
            } catch (Error | RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class Identity {
        /** {@code sun.nio.ch.FileKey.create(FileDescriptor)}, as {@code (FileDescriptor)Object}: an {@code fstat} keeping device and inode. */
        static final MethodHandle CREATE;
        /** {@code FileKey.st_dev} and {@code st_ino}, as {@code (Object)long}. */
        static final MethodHandle DEVICE;
        static final MethodHandle INODE;
        /** {@code new sun.nio.fs.UnixFileKey(long, long)}, as {@code (long, long)Object}: what attributes give as their key. */
        static final MethodHandle UNIX_KEY;

        static {
            try {
                // JDK 17's FileKey links its natives as it initializes, without loading the library they are in
                Class.forName("sun.nio.ch.IOUtil", true, null);
                Class<?> fileKey = Class.forName("sun.nio.ch.FileKey");
                MethodHandles.Lookup nioCh = PrivateLookups.in(fileKey);
                CREATE = nioCh.findStatic(fileKey, "create", MethodType.methodType(fileKey, FileDescriptor.class))
                        .asType(MethodType.methodType(Object.class, FileDescriptor.class));
                DEVICE = nioCh.findGetter(fileKey, "st_dev", long.class).asType(MethodType.methodType(long.class, Object.class));
                INODE = nioCh.findGetter(fileKey, "st_ino", long.class).asType(MethodType.methodType(long.class, Object.class));
                Class<?> unixKey = Class.forName("sun.nio.fs.UnixFileKey");
                UNIX_KEY = PrivateLookups.in(unixKey)
                        .findConstructor(unixKey, MethodType.methodType(void.class, long.class, long.class))
                        .asType(MethodType.methodType(Object.class, long.class, long.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static Object of(FileDescriptor descriptor) {
            try {
                Object key = (Object) CREATE.invokeExact(descriptor);
                return (Object) UNIX_KEY.invokeExact((long) DEVICE.invokeExact(key), (long) INODE.invokeExact(key));
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return null; // the fstat failed (IOException)
            }
        }
    }
}
