package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.config.Glob;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code file.permissive}: a file or directory the application created, or whose mode it changed, is group- or
 * world-writable, or world-readable with a sensitive name. {@code file.insecure-temp}: a non-exclusive open for
 * writing in a world-writable directory. Both are judged once per open or change, never per write.
 */
final class CreatedFileRules {

    /**
     * Files the application created exclusively in a shared directory may be reopened there: nobody could plant them.
     * Only those are remembered (elsewhere the set is never asked).
     */
    private static final int REMEMBERED_EXCLUSIVE = 4096;

    private final Reporter reporter;
    private final Glob sensitive;
    private final Set<Path> createdExclusively = Collections.newSetFromMap(Recent.map(REMEMBERED_EXCLUSIVE));

    private final DirectoryModes sharedDirectories = new DirectoryModes();
    private final CreatedByOpen createdByOpen = new CreatedByOpen();

    /**
     * The file last opened for writing, its mode read then (or, for a file that open created, the mode it asked for: a
     * bound on the mode it got), and the thread that opened it: when that thread opens it again, or renames it into place
     * (the atomic-replace pattern), the mode is known without another {@code stat}. Forgotten on any creation or mode
     * change the hooks see.
     */
    private volatile Opened lastOpened;

    private record Opened(Path path, int mode, Thread thread) {
    }

    CreatedFileRules(Reporter reporter) {
        this.reporter = reporter;
        this.sensitive = reporter.config().sensitive();
    }

    /**
     * Whether a file this open creates would be no finding because the last one a default-mode open created in the same
     * directory, a few seconds ago at most, was given a mode that is no finding under this name either: what the umask
     * and the directory's default ACL make of a new file's mode is the same for both. A file the open did not create
     * is no finding whatever its mode. Then the open's file need not be read for its mode.
     */
    boolean createsHarmlessly(FileRules.Opening opening) {
        if (!opening.defaultMode()) {
            // the umask and a default ACL only take bits away from the mode asked for
            return opening.requestedMode() != FileRules.UNKNOWN_MODE && !wouldBeFound(opening.requestedMode(), opening.name());
        }
        int mode = sharedDirectories.createdMode(opening.name(), opening.startedMillis());
        return mode != DirectoryModes.UNKNOWN && !wouldBeFound(mode, opening.name());
    }

    /** Whether this thread's last open for writing was of this file, and its mode is known from then. */
    boolean modeKnown(Path path) {
        Opened last = lastOpened;
        return last != null && last.thread() == Thread.currentThread() && last.path().equals(path);
    }

    /** An open for writing; {@code attributes}, read after it, are those of the file opened (null when unread). */
    void opened(FileRules.Opening opening, PosixFileAttributes attributes) {
        Path path = opening.path();
        if (attributes != null) {
            lastOpened = new Opened(path, Descriptors.permissionBits(attributes), Thread.currentThread());
        } else if (opening.exclusive() && opening.requestedMode() != FileRules.UNKNOWN_MODE) {
            lastOpened = new Opened(path, opening.requestedMode(), Thread.currentThread());
        } else if (opening.mayCreate() || !modeKnown(path)) {
            lastOpened = null;
        }
        if (opening.mayCreate()) {
            if (opening.exclusive()) {
                rememberExclusive(path, opening.name(), opening.startedMillis());
            }
            checkMode(path, opening.name(), "created", attributes, opening);
        }
        if (!opening.exclusive()) {
            // an open that may create its file read the clock as it started: the directory's verdict shares that read
            checkSharedDirectory(path, opening.name(), opening.startedMillis() != 0 ? opening.startedMillis() : System.currentTimeMillis());
        }
    }

    void created(Path path, boolean exclusive) {
        lastOpened = null;
        String name = path.toString();
        if (exclusive) {
            rememberExclusive(path, name, System.currentTimeMillis());
        }
        if (reporter.enabled(Rule.FILE_PERMISSIVE)) {
            checkMode(path, name, "created", posix(path), null);
        }
    }

    /**
     * A rename keeps the file and its mode: a file this thread just opened, whose mode would be no finding under its
     * new name either, is judged without reading it again. Anything else is read at its new path. A hard link is a new
     * name too.
     */
    void moved(Path source, Path target, boolean link) {
        Opened last = lastOpened;
        if (last != null && last.thread() == Thread.currentThread() && last.path().equals(source)
                && !wouldBeFound(last.mode(), target.toString())) {
            return;
        }
        lastOpened = null;
        if (reporter.enabled(Rule.FILE_PERMISSIVE)) {
            checkMode(target, target.toString(), link ? "linked" : "renamed", posix(target), null);
        }
    }

    private void rememberExclusive(Path path, String name, long nowMillis) {
        if (reporter.enabled(Rule.FILE_INSECURE_TEMP) && sharedDirectories.isWorldWritableParent(name, nowMillis)) {
            createdExclusively.add(path);
        }
    }

    void permissionsChanged(Path path) {
        lastOpened = null;
        checkMode(path, path.toString(), "chmod", posix(path), null);
    }

    /** {@code opening}: the open that may have created the file, or null when it was created or changed for sure. */
    private void checkMode(Path path, String name, String how, PosixFileAttributes attributes, FileRules.Opening opening) {
        if (!reporter.enabled(Rule.FILE_PERMISSIVE)) {
            return;
        }
        if (attributes == null) {
            return;
        }
        int mode = Descriptors.permissionBits(attributes);
        boolean directory = attributes.isDirectory();
        boolean learning = opening != null && opening.defaultMode();
        boolean found = wouldBeFound(mode, name);
        if (!found && !learning) {
            return;
        }
        boolean createdHere = opening == null || opening.exclusive() || createdByOpen.created(attributes, opening.startedMillis());
        if (learning && createdHere) {
            sharedDirectories.created(name, mode, opening.startedMillis());
        }
        if (!found || !createdHere) {
            return;
        }
        boolean writableByOthers = (mode & 0022) != 0;
        createdByOpen.judged(attributes);
        String kind = directory ? "directory" : "file";
        String who = (mode & 0002) != 0 ? "every local user" : (mode & 0020) != 0 ? "its group" : "every local user";
        String problem = writableByOthers
                ? "is writable by " + who + ", who can change or replace what this service reads back"
                : "is readable by every local user although its name marks it as sensitive";
        CallSite site = CallSites.current();
        if (site == null) {
            return;
        }
        String fix;
        if (site.isPython()) {
            // Jython's open() and os.open() create files with the umask's mode, whatever mode os.open is given
            if (how.equals("chmod")) {
                fix = "give it " + (directory ? "0700" : "0600") + " (os.chmod(path, " + (directory ? "0700" : "0600") + "))";
            } else {
                fix = directory ? "create it with os.mkdir(path, 0700), or set os.umask(077) first"
                        : "set os.umask(077) before creating it (Jython's open() and os.open() ignore the mode argument), or give it 0600 with os.chmod before writing";
            }
        } else {
            fix = directory
                    ? "create it with PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(\"rwx------\")) or run with umask 077"
                    : "create it with PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(\"rw-------\")) or run with umask 077";
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("path", path.toString());
        facts.put("mode", Modes.octal(mode));
        facts.put("kind", kind);
        facts.put("how", how);
        reporter.report(new Finding(Rule.FILE_PERMISSIVE, site, Thread.currentThread().getName(),
                "The " + kind + " " + path + " " + gotItsMode(how) + " mode "
                        + Modes.octal(mode) + " and " + problem + "; " + fix + ".",
                path.toString(), facts));
    }

    private static String gotItsMode(String how) {
        return switch (how) {
            case "chmod" -> "was given";
            case "created" -> "was created with";
            default -> "was " + how + " into place with"; // renamed, linked
        };
    }

    /** Only a world-writable directory asks whether the application created the file exclusively before. */
    private void checkSharedDirectory(Path path, String name, long nowMillis) {
        if (!reporter.enabled(Rule.FILE_INSECURE_TEMP) || !sharedDirectories.isWorldWritableParent(name, nowMillis)
                || createdExclusively.contains(path)) {
            return;
        }
        Path dir = path.getParent();
        PosixFileAttributes attributes = dir == null ? null : posix(dir);
        if (attributes == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("path", path.toString());
        facts.put("directory", dir.toString());
        facts.put("directory_mode", Modes.octal(Descriptors.permissionBits(attributes)));
        CallSite site = CallSites.current();
        if (site == null) {
            return;
        }
        String exclusive = site.isPython() ? "tempfile.mkstemp (or os.open with O_CREAT | O_EXCL)" : "Files.createTempFile (or CREATE_NEW)";
        reporter.report(new Finding(Rule.FILE_INSECURE_TEMP, site, Thread.currentThread().getName(),
                "The file " + path + " was opened for writing in the world-writable directory " + dir
                        + " without exclusive creation, so another local user can create it first or plant a symbolic link"
                        + " there and have this service write through it; use " + exclusive + ", or keep"
                        + " the file in a directory only this user can write.",
                path.toString(), facts));
    }

    /** Group- or world-writable, or world-readable with a sensitive name. */
    private boolean wouldBeFound(int mode, String name) {
        return (mode & 0022) != 0 || (mode & 0004) != 0 && isSensitive(name);
    }

    /** The file's name, after the path's last slash, matches {@code file.sensitive}. */
    private boolean isSensitive(String name) {
        int from = name.lastIndexOf('/') + 1;
        return from < name.length() && sensitive.matches(name, from);
    }

    static PosixFileAttributes posix(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The attributes of the file a path leads to (an open follows symbolic links), or null. */
    static PosixFileAttributes posixFollowingLinks(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
