package dev.jvmaudit.agent.file;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The attributes of a file the application has just opened, read through the new descriptor ({@code fstat}): the file
 * really opened, whatever its path leads to by now, with no second walk of the path. It calls the JDK's own
 * {@code fstat} ({@code sun.nio.fs}, opened to the agent with the bridge), looked up on first use (a few milliseconds
 * of method handles, once); where that fails every answer is null and the caller reads the path instead.
 */
final class Descriptors {

    private static final boolean AVAILABLE = lookUp();

    private Descriptors() {
    }

    private static boolean lookUp() {
        try {
            return Fstat.ATTRIBUTES != null;
        } catch (LinkageError e) {
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
                MethodHandles.Lookup agent = MethodHandles.lookup();
                UNIX_ATTRIBUTES = Class.forName("sun.nio.fs.UnixFileAttributes");
                CHANNEL = Class.forName("sun.nio.ch.FileChannelImpl");
                MethodHandles.Lookup nioFs = MethodHandles.privateLookupIn(UNIX_ATTRIBUTES, agent);
                ATTRIBUTES = nioFs.findStatic(UNIX_ATTRIBUTES, "get", MethodType.methodType(UNIX_ATTRIBUTES, int.class))
                        .asType(MethodType.methodType(Object.class, int.class));
                MODE = nioFs.findVirtual(UNIX_ATTRIBUTES, "mode", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
                DESCRIPTOR_NUMBER = MethodHandles.privateLookupIn(FileDescriptor.class, agent)
                        .findGetter(FileDescriptor.class, "fd", int.class);
                CHANNEL_DESCRIPTOR = MethodHandles.privateLookupIn(CHANNEL, agent).findGetter(CHANNEL, "fd", FileDescriptor.class)
                        .asType(MethodType.methodType(FileDescriptor.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static PosixFileAttributes attributes(Object handle) {
            try {
                FileDescriptor descriptor = handle instanceof FileOutputStream stream ? stream.getFD()
                        : handle instanceof RandomAccessFile file ? file.getFD()
                        : CHANNEL.isInstance(handle) ? (FileDescriptor) CHANNEL_DESCRIPTOR.invokeExact(handle)
                        : null;
                if (descriptor == null) {
                    return null;
                }
                int number = (int) DESCRIPTOR_NUMBER.invokeExact(descriptor);
                return number < 0 ? null : (PosixFileAttributes) (Object) ATTRIBUTES.invokeExact(number);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return null; // the JDK's UnixException, or getFD's IOException: the descriptor could not be read
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
}
