package dev.jvmaudit.agent.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSitesTest {

    @Test
    void agentAndInstrumentedLibrariesAreNotTheApplication() {
        assertFalse(CallSites.isApplicationClassName("dev.jvmaudit.agent.file.FileRules"));
        assertFalse(CallSites.isApplicationClassName("dev.jvmaudit.bootstrap.FileBridge"));
        assertFalse(CallSites.isApplicationClassName("org.apache.hc.client5.http.impl.classic.CloseableHttpClient"));
        assertFalse(CallSites.isApplicationClassName("okhttp3.RealCall"));
        assertFalse(CallSites.isApplicationClassName("ch.qos.logback.core.FileAppender"));
        assertFalse(CallSites.isApplicationClassName("java.io.FileOutputStream"));
        assertTrue(CallSites.isApplicationClassName("com.acme.Notifier"));
        assertTrue(CallSites.isApplicationClassName("dev.jvmaudit.demo.Daemon"));
    }

    @Test
    void firstApplicationFrameOfACapturedStack() {
        StackTraceElement[] stack = {
                new StackTraceElement(null, "java.base", "17", "java.io.FileOutputStream", "open", "FileOutputStream.java", 293),
                new StackTraceElement("app", null, null, "org.apache.hc.client5.Foo", "execute", "Foo.java", 5),
                new StackTraceElement("app", null, null, "com.acme.Notifier", "notify", "Notifier.java", 42),
                new StackTraceElement("app", null, null, "com.acme.Main", "main", "Main.java", 7),
        };
        assertEquals("com.acme.Notifier.notify(Notifier.java:42)", CallSites.first(stack).toString());
        assertNull(CallSites.first(new StackTraceElement[] {stack[0]}));
    }

    @Test
    void currentStackSkipsTheAgentAndTheJdk() {
        CallSite site = example.CallSiteProbe.here();
        assertEquals("example.CallSiteProbe", site.className());
        assertEquals("here", site.methodName());
        assertEquals("CallSiteProbe.java", site.fileName());
    }

    @Test
    void printsLikeAStackTrace() {
        assertEquals("a.B.c(B.java:3)", new CallSite("a.B", "c", "B.java", 3).toString());
        assertEquals("a.B.c(Unknown Source)", new CallSite("a.B", "c", null, -1).toString());
    }
}
