package dev.jvmaudit.agent.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSitesTest {

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
    void captureResolvesLaterToTheSiteTheWalkWouldHaveGiven() throws Exception {
        Object[] both = example.CallSiteProbe.bothWays();
        CallSites.Capture capture = (CallSites.Capture) both[0];
        CallSite now = (CallSite) both[1];
        // resolved on another thread, after the capturing call returned
        CallSite[] later = new CallSite[1];
        Thread t = new Thread(() -> later[0] = capture.site());
        t.start();
        t.join();
        assertEquals(now, later[0]);
        assertEquals("example.CallSiteProbe", later[0].className());
        assertEquals("bothWays", later[0].methodName());
        assertTrue(later[0].line() > 0);
        assertSame(later[0], capture.site(), "resolved once");
        assertNull(CallSites.Capture.of(null));
        assertSame(now, CallSites.Capture.of(now).site());
    }

    @Test
    void lazyCapturesTakeBothWaysAndResolveToTheSiteTheWalkGives() {
        Object[][] pairs = example.CallSiteProbe.lazilyAndNow(40);
        for (int i = 0; i < pairs.length; i++) {
            CallSite now = (CallSite) pairs[i][1];
            assertEquals("lazilyAndNow", now.methodName());
            assertEquals(now, ((CallSites.Capture) pairs[i][0]).site(), "capture " + i);
        }
    }

    @Test
    void lazyCapturesSkipReflectionFrames() throws Exception {
        Object[] captures = example.CallSiteProbe.reflectively(40);
        CallSite first = ((CallSites.Capture) captures[0]).site();
        assertEquals("example.CallSiteProbe", first.className());
        assertEquals("reflectively", first.methodName());
        for (Object capture : captures) {
            assertEquals(first, ((CallSites.Capture) capture).site());
        }
    }

    @Test
    void lazyCaptureWithoutAnApplicationFrameResolvesToNothing() throws Exception {
        CallSites.Capture[] captures = new CallSites.Capture[40];
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                for (int i = 0; i < captures.length; i++) {
                    captures[i] = CallSites.captureLazily();
                }
            }
        });
        t.start();
        t.join();
        for (CallSites.Capture capture : captures) {
            assertTrue(capture == null || capture.site() == null, String.valueOf(capture == null ? null : capture.site()));
        }
    }

    @Test
    void noApplicationFrameIsNoCapture() throws Exception {
        // a thread whose stack is the JDK's and the agent's only (the Runnable is a method of this test's package,
        // which is the agent's: dev.jvmaudit.agent.)
        Object[] result = new Object[2];
        Thread t = new Thread(CallSitesTest::captureInto);
        captureTarget = result;
        t.start();
        t.join();
        assertNull(result[0]);
        assertNull(result[1]);
    }

    private static Object[] captureTarget;

    private static void captureInto() {
        captureTarget[0] = CallSites.capture();
        captureTarget[1] = CallSites.current();
    }

    @Test
    void printsLikeAStackTrace() {
        assertEquals("a.B.c(B.java:3)", new CallSite("a.B", "c", "B.java", 3).toString());
        assertEquals("a.B.c(Unknown Source)", new CallSite("a.B", "c", null, -1).toString());
    }
}
