package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.http.Loopback;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Redaction;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.thread.ThreadFacts;
import dev.jvmaudit.agent.thread.ThreadFamily;
import dev.jvmaudit.bootstrap.FileBridge;
import dev.jvmaudit.bootstrap.PythonBridge;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent side of {@link PythonBridge}: Python acts that reach no hooked JDK method ({@code os.chmod},
 * {@code os.mkdir}), Jython's closer, exceptions Jython's {@code threading} catches and prints, and
 * {@code httplib} connections. Everything about Jython is read by reflection on the objects handed over.
 */
final class PythonRules implements PythonBridge.Hooks {

    private final AgentContext context;
    private final Reporter reporter;
    private final FileFamily files;
    private final ThreadFamily threads;

    PythonRules(AgentContext context, FileFamily files, ThreadFamily threads) {
        this.context = context;
        this.reporter = context.reporter();
        this.files = files;
        this.threads = threads;
    }

    // ---- files ------------------------------------------------------------------------------------------------

    @Override
    public void chmod(Object path) {
        context.checkTestFault("python");
        FileBridge.Hooks file = FileBridge.hooks;
        String absolute = absolute(path);
        if (file != null && absolute != null) {
            file.permissionsChanged(absolute);
        }
    }

    @Override
    public void mkdir(Object path) {
        context.checkTestFault("python");
        FileBridge.Hooks file = FileBridge.hooks;
        String absolute = absolute(path);
        if (file != null && absolute != null) {
            file.created(absolute, true, true);
        }
    }

    @Override
    public void closerStarting() {
        context.checkTestFault("python");
        if (files != null) {
            files.checkLeftToJythonCloser();
        }
    }

    /** A Python path, made absolute against Jython's own working directory ({@code os.chdir} does not move Java's). */
    static String absolute(Object pyPath) {
        if (pyPath == null) {
            return null;
        }
        String text = pyPath.toString();
        if (text.isEmpty()) {
            return null;
        }
        Path path = Path.of(text);
        if (path.isAbsolute()) {
            return path.normalize().toString();
        }
        try {
            Class<?> py = Class.forName("org.python.core.Py", false, pyPath.getClass().getClassLoader());
            Object sys = py.getMethod("getSystemState").invoke(null);
            Object cwd = sys.getClass().getMethod("getCurrentWorkingDir").invoke(sys);
            return Path.of(cwd.toString()).resolve(path).normalize().toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    // ---- threads ----------------------------------------------------------------------------------------------

    /**
     * {@code threading.Thread.__bootstrap} catches what {@code run()} raised, prints it and lets the thread end, so
     * the JVM's {@code dispatchUncaughtException} never runs: this is the Python thread's uncaught death.
     */
    @Override
    public void caught(Object exception, Object frame) throws ReflectiveOperationException {
        context.checkTestFault("python");
        if (frame == null || !reporter.enabled(Rule.THREAD_UNCAUGHT_DEATH)) {
            return;
        }
        Object code = get(frame, "f_code");
        Object function = code == null ? null : get(code, "co_name");
        // Jython names the code of a private method by its mangled name
        if (!"_Thread__bootstrap".equals(function) && !"__bootstrap".equals(function)) {
            return;
        }
        Object file = get(code, "co_filename");
        if (file == null || !file.toString().contains("threading")) {
            return;
        }
        ClassLoader jython = exception.getClass().getClassLoader();
        Class<?> pyObject = Class.forName("org.python.core.PyObject", false, jython);
        Object systemExit = Class.forName("org.python.core.Py", false, jython).getField("SystemExit").get(null);
        if ((Boolean) exception.getClass().getMethod("match", pyObject).invoke(exception, systemExit)) {
            return;
        }
        Thread thread = Thread.currentThread();
        CallSite started = threads == null ? null : threads.startSite(thread);
        if (started == null) {
            return;
        }
        String type = typeName(get(exception, "type"));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("exception", type);
        Object value = get(exception, "value");
        facts.put("exceptionMessage", value == null ? null : ThreadFacts.message(pyStr(value)));
        CallSite[] raisedAt = raisedAt(get(exception, "traceback"));
        if (raisedAt[0] != null) {
            facts.put("frame", raisedAt[0].toString());
        }
        if (raisedAt[1] != null && !raisedAt[1].equals(raisedAt[0])) {
            facts.put("applicationFrame", raisedAt[1].toString());
        }
        facts.put("daemon", thread.isDaemon());
        reporter.report(new Finding(Rule.THREAD_UNCAUGHT_DEATH, started, thread.getName(),
                "Python thread '" + thread.getName() + "' died of an uncaught " + type + ": Jython's threading module"
                        + " printed it to stderr and ended the thread, and nothing else reacts, so its work stopped"
                        + " silently; catch failures inside run() or the target, log them and decide (retry, or stop"
                        + " the service).",
                null, facts));
    }

    /** {innermost frame of the traceback, innermost application frame}. */
    private static CallSite[] raisedAt(Object traceback) throws ReflectiveOperationException {
        CallSite innermost = null;
        CallSite application = null;
        for (int depth = 0; traceback != null && depth < 1000
                && traceback.getClass().getName().equals("org.python.core.PyTraceback"); depth++) {
            Object frame = get(traceback, "tb_frame");
            Object code = frame == null ? null : get(frame, "f_code");
            if (code != null) {
                String file = String.valueOf(get(code, "co_filename"));
                int line = traceback.getClass().getField("tb_lineno").getInt(traceback);
                innermost = CallSite.python(file, line, String.valueOf(get(code, "co_name")));
                if (!PythonFrames.isStandardLibrary(file, null)) {
                    application = innermost;
                }
            }
            traceback = get(traceback, "tb_next");
        }
        return new CallSite[] {innermost, application};
    }

    private static String typeName(Object type) {
        if (type == null) {
            return "?";
        }
        try {
            Method getName = type.getClass().getMethod("getName");
            return String.valueOf(getName.invoke(type));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return type.toString();
        }
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------

    /**
     * A Jython socket connects. Judged only when {@code httplib} opens it (also for {@code urllib2}): the connection
     * object of {@code HTTPConnection.connect} tells the host and whether it is HTTPS ({@code default_port} 443), the
     * socket of {@code _socket._connect} its effective timeout (None: blocking forever). Nothing on the wire is read.
     */
    @Override
    public void connecting(Object channel, Object address) throws ReflectiveOperationException {
        context.checkTestFault("python");
        boolean cleartextOn = reporter.enabled(Rule.HTTP_CLEARTEXT);
        boolean timeoutOn = reporter.enabled(Rule.HTTP_NO_TIMEOUT);
        if (!cleartextOn && !timeoutOn) {
            return;
        }
        ClassLoader jython = channel.getClass().getClassLoader();
        Class<?> py = Class.forName("org.python.core.Py", false, jython);
        Object frame = py.getMethod("getFrame").invoke(null);
        Object connection = null;
        Object socket = null;
        Object top = frame;
        for (int depth = 0; frame != null && depth < 1000; depth++) {
            Object code = get(frame, "f_code");
            if (code != null) {
                String file = String.valueOf(get(code, "co_filename"));
                Object name = get(code, "co_name");
                if (socket == null && "_connect".equals(name) && file.contains("_socket")) {
                    socket = local0(frame);
                } else if (connection == null && "connect".equals(name) && file.contains("httplib")) {
                    connection = local0(frame);
                }
            }
            frame = get(frame, "f_back");
        }
        if (connection == null) {
            return;
        }
        CallSite site = PythonFrames.fromFrame(top);
        if (site == null) {
            return;
        }
        String host = pyStr(attr(connection, "host"));
        Object port = attr(connection, "port");
        boolean https = "443".equals(pyStr(attr(connection, "default_port")));
        Object method = attr(connection, "_method");
        String url = Redaction.url((https ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host)
                + (port == null ? "" : ":" + pyStr(port)) + "/");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", url);
        facts.put("method", method == null ? "?" : pyStr(method));
        facts.put("client", "httplib");
        String thread = Thread.currentThread().getName();
        String what = facts.get("method") + " " + url;
        if (cleartextOn && !https && !Loopback.isLoopback(host)) {
            reporter.report(new Finding(Rule.HTTP_CLEARTEXT, site, thread,
                    what + " goes over cleartext http:// to " + host + ", which is not loopback: anyone on the path can"
                            + " read and change it; use https:// (httplib.HTTPSConnection).",
                    host, new LinkedHashMap<>(facts)));
        }
        Object timeout = socket == null ? null : attr(socket, "timeout");
        if (timeoutOn && socket != null && (timeout == null || isNone(timeout))) {
            facts.put("timeout", "connect,read");
            reporter.report(new Finding(Rule.HTTP_NO_TIMEOUT, site, thread,
                    what + " is sent with no timeout (httplib, socket timeout None): an unresponsive server blocks this"
                            + " thread forever; pass timeout= to urllib2.urlopen or httplib.HTTPConnection (or call"
                            + " socket.setdefaulttimeout).",
                    host, facts));
        }
    }

    // ---- reflection on Jython objects -------------------------------------------------------------------------

    private static Object get(Object target, String field) throws ReflectiveOperationException {
        Field f = target.getClass().getField(field);
        return f.get(target);
    }

    private static Object local0(Object frame) throws ReflectiveOperationException {
        return frame.getClass().getMethod("getlocal", int.class).invoke(frame, 0);
    }

    /** {@code obj.name} as Python sees it, or null. */
    private static Object attr(Object obj, String name) throws ReflectiveOperationException {
        return obj.getClass().getMethod("__findattr__", String.class).invoke(obj, name);
    }

    private static boolean isNone(Object obj) {
        return obj.getClass().getName().equals("org.python.core.PyNone");
    }

    /** {@code str(obj)}. */
    private static String pyStr(Object obj) throws ReflectiveOperationException {
        if (obj == null) {
            return "None";
        }
        return String.valueOf(obj.getClass().getMethod("__str__").invoke(obj));
    }
}
