package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.FileBridge;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The agent side of {@link FileBridge}: turns the JDK's open/create/chmod calls into events for the file rules. */
final class FileRules implements FileBridge.Hooks {

    /** The mode every {@code java.io} open, and every NIO open given no {@code FileAttribute}, asks for. */
    static final int DEFAULT_MODE = 0666;
    /** An open given a {@code FileAttribute} that is not the JDK's own set of POSIX permissions. */
    static final int UNKNOWN_MODE = -1;

    /**
     * What was known before an open, handed from the enter advice to the exit advice: the absolute path, and the same
     * path as a string ({@code name}), which the rules read without building more paths; when an open that may create
     * its file started (0 for every other open); the permission bits it asks for ({@link #DEFAULT_MODE}, those of its
     * {@code FileAttribute}, or {@link #UNKNOWN_MODE}): the umask, or the directory's default ACL, only takes bits away
     * from them; whether the application gets the handle, and the level of the {@code Files.write} call that opens it (0
     * for none); the open's call site when the application's call was tagged with it (else null: it is captured when
     * the handle is tracked); for an exclusive open, the file table's clock as it started (else {@code
     * HandleTable.NOT_NEW}).
     */
    record Opening(Path path, String name, int flags, long startedMillis, int requestedMode, boolean handleReachesApplication,
                   int wholeFileWriteLevel, String site, long clockBefore) {
        /** Whether the open may create its file; whether a plain {@code CREATE} did is asked only when it matters. */
        boolean mayCreate() {
            return (flags & (FileBridge.CREATE | FileBridge.CREATE_NEW)) != 0;
        }

        boolean exclusive() {
            return (flags & FileBridge.CREATE_NEW) != 0;
        }

        /** What it makes of this mode is what the umask makes of any default-mode open in the same directory. */
        boolean defaultMode() {
            return requestedMode == DEFAULT_MODE;
        }
    }

    /**
     * {@code Files.createFile}'s own option set ({@code createTempFile} ends there too): that method closes the channel
     * it opened before it returns, so an open with this very set leaves the application no handle to write through or
     * to leave open, and is judged for its mode only. Null where the JDK has no such field: every open is then tracked.
     */
    private static final Set<?> CREATE_FILE_OPTIONS = createFileOptions();

    private final AgentContext context;
    private final CreatedFileRules created;
    private final LifecycleRules lifecycle;

    FileRules(AgentContext context) {
        this.context = context;
        this.created = new CreatedFileRules(context.reporter());
        this.lifecycle = new LifecycleRules(context.reporter()::enabled, context.reporter()::report,
                shared -> FileBridge.sharedFiles = shared);
    }

    LifecycleRules lifecycle() {
        return lifecycle;
    }

    @Override
    public Object opening(Object path, int flags, String site) {
        return opening(path, flags, null, true, 0, site);
    }

    @Override
    public Object openingChannel(Object path, Object options, Object attributes, int wholeFileWriteLevel, String site) {
        return opening(path, flags((Set<?>) options), attributes, !closedByTheJdk(options), wholeFileWriteLevel, site);
    }

    private Opening opening(Object path, int flags, Object attributes, boolean handleReachesApplication, int wholeFileWriteLevel,
                            String site) {
        if ((flags & FileBridge.WRITE) == 0) {
            return null;
        }
        context.checkTestFault("file");
        Path p = toPath(path);
        if (p == null) {
            return null;
        }
        long started = (flags & (FileBridge.CREATE | FileBridge.CREATE_NEW)) != 0 ? System.currentTimeMillis() : 0;
        long clockBefore = (flags & FileBridge.CREATE_NEW) != 0 ? lifecycle.clock() : HandleTable.NOT_NEW;
        return new Opening(p, nameOf(path, p), flags, started, requestedMode(attributes), handleReachesApplication,
                wholeFileWriteLevel, site, clockBefore);
    }

    /**
     * The permission bits an open given these {@code FileAttribute}s (null: none) asks for, as the JDK reads them (the
     * last {@code posix:permissions} wins); {@link #UNKNOWN_MODE} for any attribute the JDK did not make, whose methods
     * are application code.
     */
    static int requestedMode(Object attributes) {
        if (attributes == null) {
            return DEFAULT_MODE;
        }
        if (!(attributes instanceof FileAttribute<?>[] given)) {
            return UNKNOWN_MODE;
        }
        int mode = DEFAULT_MODE;
        for (FileAttribute<?> attribute : given) {
            if (attribute == null || attribute.getClass().getClassLoader() != null) {
                return UNKNOWN_MODE;
            }
            String name = attribute.name();
            if (!name.equals("posix:permissions") && !name.equals("unix:permissions")
                    || !(attribute.value() instanceof Set<?> permissions)) {
                return UNKNOWN_MODE;
            }
            mode = 0;
            for (Object permission : permissions) {
                if (!(permission instanceof PosixFilePermission p)) {
                    return UNKNOWN_MODE;
                }
                mode |= Modes.bit(p);
            }
        }
        return mode;
    }

    /** Whether a channel opened with these options is closed by the JDK method that opened it (see CREATE_FILE_OPTIONS). */
    static boolean closedByTheJdk(Object options) {
        return options == CREATE_FILE_OPTIONS && options != null;
    }

    private static Set<?> createFileOptions() {
        try {
            return (Set<?>) PrivateLookups.in(Files.class)
                    .findStaticGetter(Files.class, "DEFAULT_CREATE_OPTIONS", Set.class).invoke();
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return null; // renamed in this JDK, or no access granted
        }
    }

    /**
     * One {@code stat} of the opened file serves both rules: a new file's mode (and times, which tell whether a plain
     * {@code CREATE} created it), and the identity that two handles of one file share. It reads the new descriptor
     * where it can, else the path. Where no mode is needed (a file created with a mode asked for, or where the last one
     * like it got a mode, that is no finding; a file this thread has just created; {@code file.permissive} off)
     * nothing is read now: the identity, alone, only once another handle is open beside this one. The call site is the
     * tag of the application's call, or captured now; either is resolved only if a finding names it (for a {@code
     * Files.write} channel, read from the writing thread then).
     */
    @Override
    public void opened(Object token, Object handle) {
        Opening opening = (Opening) token;
        boolean tracking = opening.handleReachesApplication() && lifecycle.tracking();
        // a new file's mode is judged now; an existing one's is kept for a rename into place (CreatedFileRules.moved)
        boolean modeNeeded = context.reporter().enabled(Rule.FILE_PERMISSIVE)
                && (opening.mayCreate() ? !created.createsHarmlessly(opening) : tracking && !created.modeKnown(opening.path()));
        PosixFileAttributes attributes = modeNeeded ? attributesOf(handle, opening.path()) : null;
        created.opened(opening, attributes);
        if (opening.exclusive()) {
            lifecycle.createdExclusively(opening.path(), opening.clockBefore());
        }
        if (!tracking) {
            return;
        }
        Object fileKey = attributes != null ? attributes.fileKey() : null;
        if (opening.wholeFileWriteLevel() > 0) {
            lifecycle.openedByWholeFileWrite(opening.path(), opening.name(), handle, opening.wholeFileWriteLevel(), fileKey);
        } else {
            lifecycle.opened(opening.path(), opening.name(), handle, CallSites.captureLazily(opening.site()), fileKey);
        }
    }

    private static PosixFileAttributes attributesOf(Object handle, Path path) {
        PosixFileAttributes attributes = Descriptors.attributes(handle);
        return attributes != null ? attributes : CreatedFileRules.posixFollowingLinks(path);
    }

    @Override
    public void written(Object handle, Object parent, long position, long length) {
        context.checkTestFault("file");
        lifecycle.written(handle, parent, position, length);
    }

    @Override
    public void locked(Object channel, Object parent, Object lock) {
        context.checkTestFault("file");
        lifecycle.locked(channel, parent, lock);
    }

    @Override
    public void closed(Object handle) {
        context.checkTestFault("file");
        lifecycle.closed(handle);
    }

    @Override
    public void created(Object path, boolean directory, boolean exclusive) {
        context.checkTestFault("file");
        lifecycle.forgetCreated();
        Path p = toPath(path);
        if (p != null) {
            created.created(p, exclusive);
        }
    }

    @Override
    public void moved(Object source, Object target, boolean link) {
        context.checkTestFault("file");
        lifecycle.forgetCreated();
        Path to = toPath(target);
        if (to != null) {
            created.moved(toPath(source), to, link);
        }
    }

    @Override
    public void permissionsChanged(Object path) {
        context.checkTestFault("file");
        Path p = toPath(path);
        if (p != null) {
            created.permissionsChanged(p);
        }
    }

    static int flags(Set<?> options) {
        int flags = 0;
        for (Object option : options) {
            if (option == StandardOpenOption.WRITE) {
                flags |= FileBridge.WRITE;
            } else if (option == StandardOpenOption.APPEND) {
                flags |= FileBridge.WRITE | FileBridge.APPEND;
            } else if (option == StandardOpenOption.CREATE) {
                flags |= FileBridge.CREATE;
            } else if (option == StandardOpenOption.CREATE_NEW) {
                flags |= FileBridge.CREATE_NEW;
            } else if (option == StandardOpenOption.TRUNCATE_EXISTING) {
                flags |= FileBridge.TRUNCATE;
            }
        }
        return flags;
    }

    /**
     * {@code absolute} as a string: the application's own string when it is already that (absolute, with no slash a
     * path would drop), so that most opens convert no path to a string.
     */
    static String nameOf(Object argument, Path absolute) {
        String given = argument instanceof String s ? s : argument instanceof File f ? f.getPath() : null;
        if (given != null && given.startsWith("/") && given.indexOf("//") < 0 && (given.length() == 1 || !given.endsWith("/"))) {
            return given;
        }
        return absolute.toString();
    }

    /** The absolute path of a String, File or Path argument; null for anything else (a non-default file system). */
    static Path toPath(Object path) {
        if (path instanceof String s) {
            return Path.of(s).toAbsolutePath();
        }
        if (path instanceof File f) {
            return f.toPath().toAbsolutePath();
        }
        if (path instanceof Path p && p.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            return p.toAbsolutePath();
        }
        return null;
    }
}
