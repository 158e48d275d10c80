package dev.jvmaudit.agent.file;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

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
}
