package dev.jvmaudit.agent.file;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileRulesTest {

    @Test
    void onlyFilesCreateFilesOwnOptionsMarkAnOpenTheJdkClosesItself() throws Exception {
        Field field = Files.class.getDeclaredField("DEFAULT_CREATE_OPTIONS");
        field.setAccessible(true);
        Object createFileOptions = field.get(null);

        assertTrue(FileRules.closedByTheJdk(createFileOptions));
        // the same options spelled by the application leave it a handle
        assertFalse(FileRules.closedByTheJdk(Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
        assertFalse(FileRules.closedByTheJdk(EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
        assertFalse(FileRules.closedByTheJdk(null));
    }

    private static FileAttribute<Set<PosixFilePermission>> mode(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }

    @Test
    void theModeAnOpenAsksForIsReadAsTheJdkReadsIt() {
        assertEquals(0666, FileRules.requestedMode(null), "no attribute");
        assertEquals(0600, FileRules.requestedMode(new FileAttribute<?>[] {mode("rw-------")}));
        assertEquals(0751, FileRules.requestedMode(new FileAttribute<?>[] {mode("rwxr-x--x")}));
        assertEquals(0640, FileRules.requestedMode(new FileAttribute<?>[] {mode("rw-rw-rw-"), mode("rw-r-----")}), "the last one wins");
    }

    @Test
    void anAttributeTheJdkDidNotMakeLeavesTheModeUnknown() {
        FileAttribute<Set<PosixFilePermission>> own = new FileAttribute<>() {
            @Override
            public String name() {
                return "posix:permissions";
            }

            @Override
            public Set<PosixFilePermission> value() {
                return PosixFilePermissions.fromString("rw-------");
            }
        };
        assertEquals(FileRules.UNKNOWN_MODE, FileRules.requestedMode(new FileAttribute<?>[] {own}), "its methods are application code");
        assertEquals(FileRules.UNKNOWN_MODE, FileRules.requestedMode(new FileAttribute<?>[] {mode("rw-------"), null}));
        assertEquals(FileRules.UNKNOWN_MODE, FileRules.requestedMode("not an array"));
    }
}
