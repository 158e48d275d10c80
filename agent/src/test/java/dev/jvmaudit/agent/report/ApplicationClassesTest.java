package dev.jvmaudit.agent.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationClassesTest {

    @Test
    void agentAndInstrumentedLibrariesAreNotTheApplication() {
        assertFalse(ApplicationClasses.isApplicationClassName("dev.jvmaudit.agent.file.FileRules"));
        assertFalse(ApplicationClasses.isApplicationClassName("dev.jvmaudit.bootstrap.FileBridge"));
        assertFalse(ApplicationClasses.isApplicationClassName("org.apache.hc.client5.http.impl.classic.CloseableHttpClient"));
        assertFalse(ApplicationClasses.isApplicationClassName("okhttp3.RealCall"));
        assertFalse(ApplicationClasses.isApplicationClassName("ch.qos.logback.core.FileAppender"));
        assertFalse(ApplicationClasses.isApplicationClassName("java.io.FileOutputStream"));
        assertTrue(ApplicationClasses.isApplicationClassName("com.acme.Notifier"));
        assertTrue(ApplicationClasses.isApplicationClassName("dev.jvmaudit.demo.Daemon"));
    }

    @Test
    void jdkModulesByName() {
        assertTrue(ApplicationClasses.isJdkModule("java.base"));
        assertTrue(ApplicationClasses.isJdkModule("jdk.httpserver"));
        assertFalse(ApplicationClasses.isJdkModule("com.acme.app"));
        assertFalse(ApplicationClasses.isJdkModule(null));
    }
}
