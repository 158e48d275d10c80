package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.report.CallSite;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonFramesTest {

    @Test
    void jythonsOwnClassesAreNeverACallSite() {
        for (String name : List.of("org.python.core.PyObject", "org.python.modules.posix.PosixModule",
                "org.python.netty.channel.AbstractChannel", "jnr.posix.BaseNativePOSIX", "com.kenai.jffi.Foreign",
                "org.python.pycode._pyx0", "monitor$py", "threading$py", "org.python.proxies.signal$JythonSignalHandler$0")) {
            assertTrue(PythonFrames.isJythonClass(name), name);
        }
        for (String name : List.of("com.acme.Monitor", "example.Hello", "pythonic.Tool", "org.pythonx.A")) {
            assertFalse(PythonFrames.isJythonClass(name), name);
        }
        assertTrue(PythonFrames.isCompiledPython("monitor$py"));
        assertTrue(PythonFrames.isCompiledPython("org.python.pycode._pyx12"));
        assertFalse(PythonFrames.isCompiledPython("org.python.core.Py"));
    }

    @Test
    void theStandardLibraryIsJythons() {
        assertTrue(PythonFrames.isStandardLibrary("/opt/jython-standalone-2.7.4.jar/Lib/threading$py.class", null));
        assertTrue(PythonFrames.isStandardLibrary("/opt/jython/Lib/httplib.py", "/opt/jython/Lib/"));
        assertFalse(PythonFrames.isStandardLibrary("/opt/jython/Lib/site-packages/requests/api.py", "/opt/jython/Lib/"));
        assertFalse(PythonFrames.isStandardLibrary("monitor.py", "/opt/jython/Lib/"));
        assertFalse(PythonFrames.isStandardLibrary("/srv/app/Lib/monitor.py", "/opt/jython/Lib/"));
    }

    @Test
    void pythonCallSitesPrintAsPythonNamesThem() {
        CallSite site = CallSite.python("/srv/neutron/monitor.py", 42, "write_state_change");
        assertEquals("monitor.py:42 in write_state_change", site.toString());
        assertEquals("/srv/neutron/monitor.py", site.className());
        assertTrue(site.isPython());
        assertFalse(new CallSite("a.B", "c", "B.java", 3).isPython());
    }

    @Test
    void compiledFramesOfACapturedStack() {
        assertEquals(List.of("monitor.py:12 in poll", "monitor.py:30 in <module>"), PythonFrames.fromJavaStack(new StackTraceElement[] {
                new StackTraceElement("org.python.core.PyObject", "__call__", "PyObject.java", 461),
                new StackTraceElement("monitor$py", "poll$3", "monitor.py", 12),
                new StackTraceElement("monitor$py", "call_function", "monitor.py", -1),
                new StackTraceElement("org.python.pycode._pyx0", "f$0", "monitor.py", 30)}, 10));
    }
}
