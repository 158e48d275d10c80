package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.http.Loopback;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Redaction;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.agent.thread.ThreadFacts;
import dev.jvmaudit.agent.thread.ThreadFamily;
import dev.jvmaudit.bootstrap.FileBridge;
import dev.jvmaudit.bootstrap.Guard;
import dev.jvmaudit.bootstrap.PythonBridge;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    /** Signal name ("SIGTERM") to where Python code set its handler. */
    private final Map<String, CallSite> signalHandlers = new ConcurrentHashMap<>();

    private static final Set<String> SHUTDOWN_SIGNALS = Set.of("SIGTERM", "SIGINT", "SIGHUP");

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
        if (frame == null) {
            return;
        }
        Object code = get(frame, "f_code");
        Object function = code == null ? null : get(code, "co_name");
        Object file = code == null ? null : get(code, "co_filename");
        if (file == null) {
            return;
        }
        // Jython names the code of a private method by its mangled name
        if (("_Thread__bootstrap".equals(function) || "__bootstrap".equals(function)) && file.toString().contains("threading")) {
            threadDied(exception);
        } else if ("_run_exitfuncs".equals(function) && file.toString().contains("atexit")) {
            exitFunctionFailed(exception);
        }
    }

    private void threadDied(Object exception) throws ReflectiveOperationException {
        if (!reporter.enabled(Rule.THREAD_UNCAUGHT_DEATH) || isSystemExit(exception)) {
            return;
        }
        Thread thread = Thread.currentThread();
        CallSite started = threads == null ? null : threads.startSite(thread);
        if (started == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        String type = exceptionFacts(exception, facts);
        facts.put("daemon", thread.isDaemon());
        reporter.report(new Finding(Rule.THREAD_UNCAUGHT_DEATH, started, thread.getName(),
                "Python thread '" + thread.getName() + "' died of an uncaught " + type + ": Jython's threading module"
                        + " printed it to stderr and ended the thread, and nothing else reacts, so its work stopped"
                        + " silently; catch failures inside run() or the target, log them and decide (retry, or stop"
                        + " the service).",
                null, facts));
    }

    /** {@code atexit._run_exitfuncs} caught what an exit function raised, printed it and went on. */
    private void exitFunctionFailed(Object exception) throws ReflectiveOperationException {
        if (!reporter.enabled(Rule.SHUTDOWN_HOOK_FAILED) || isSystemExit(exception)) {
            return;
        }
        // the traceback starts in _run_exitfuncs; the next entry is the exit function itself
        Object traceback = get(exception, "traceback");
        Object next = traceback == null ? null : get(traceback, "tb_next");
        if (next == null || !next.getClass().getName().equals("org.python.core.PyTraceback")) {
            return;
        }
        Object code = get(get(next, "tb_frame"), "f_code");
        String file = String.valueOf(get(code, "co_filename"));
        if (PythonFrames.isStandardLibrary(file, null)) {
            return;
        }
        String name = String.valueOf(get(code, "co_name"));
        CallSite defined = CallSite.python(file, code.getClass().getField("co_firstlineno").getInt(code), name);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hook", "atexit " + name);
        String type = exceptionFacts(exception, facts);
        reporter.report(new Finding(Rule.SHUTDOWN_HOOK_FAILED, defined, Thread.currentThread().getName(),
                "The atexit function '" + name + "' ended by " + type + ": atexit printed it and went on, so the rest of"
                        + " its cleanup did not run; catch and log failures inside the function, step by step.",
                null, facts));
    }

    /** {@code exception}, {@code exceptionMessage}, {@code frame}, {@code applicationFrame}; returns the type's name. */
    private static String exceptionFacts(Object exception, Map<String, Object> facts) throws ReflectiveOperationException {
        String type = typeName(get(exception, "type"));
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
        return type;
    }

    private static boolean isSystemExit(Object exception) throws ReflectiveOperationException {
        ClassLoader jython = exception.getClass().getClassLoader();
        Class<?> pyObject = Class.forName("org.python.core.PyObject", false, jython);
        Object systemExit = Class.forName("org.python.core.Py", false, jython).getField("SystemExit").get(null);
        return (Boolean) exception.getClass().getMethod("match", pyObject).invoke(exception, systemExit);
    }

    // ---- signal handlers: Python's shutdown hooks -------------------------------------------------------------

    @Override
    public void signalHandlerSet(Object signal, Object handler) {
        context.checkTestFault("python");
        String name = String.valueOf(signal);
        CallSite site = isPythonHandler(handler) ? CallSites.current() : null;
        if (site != null && site.isPython()) {
            signalHandlers.put(name, site);
        } else {
            signalHandlers.remove(name);
        }
    }

    @Override
    public void signalHandling(Object signal, Object handler) {
        context.checkTestFault("python");
        String name = String.valueOf(signal);
        CallSite site = isPythonHandler(handler) ? signalHandlers.get(name) : null;
        if (site == null || !SHUTDOWN_SIGNALS.contains(name) || !reporter.enabled(Rule.SHUTDOWN_HOOK_SLOW)) {
            return;
        }
        Thread handlerThread = Thread.currentThread();
        long started = System.nanoTime();
        long budgetMillis = context.config().shutdownBudgetMillis();
        Thread watchdog = new Thread(() -> {
            Guard.ownThread();
            try {
                handlerThread.join(budgetMillis);
                StackTraceElement[] stack = handlerThread.getStackTrace();
                if (handlerThread.isAlive() && !inExit(stack)) {
                    handlerSlow(name, site, handler, handlerThread, stack, System.nanoTime() - started, budgetMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                reporter.agentError("python", t);
            }
        }, "audit-python-signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void handlerSlow(String signal, CallSite site, Object handler, Thread thread, StackTraceElement[] stack,
                             long elapsed, long budgetMillis) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hook", thread.getName());
        facts.put("signal", signal);
        facts.put("budgetMs", budgetMillis);
        facts.put("runningMs", TimeUnit.NANOSECONDS.toMillis(elapsed));
        facts.put("state", thread.getState().name());
        CallSite at = PythonFrames.ofThread(handler.getClass(), thread);
        if (at != null) {
            facts.put("at", at.toString());
        }
        java.util.List<String> python = PythonFrames.stackOfThread(handler.getClass(), thread, 24);
        if (python.isEmpty()) {
            python = PythonFrames.fromJavaStack(stack, 24);
        }
        if (!python.isEmpty()) {
            facts.put("pythonStack", python);
        }
        facts.put("stack", ThreadFacts.stack(stack));
        boolean joining = python.stream().anyMatch(f -> (f.startsWith("threading$py.class:") || f.startsWith("threading.py:")) && f.contains(" in join"));
        reporter.report(new Finding(Rule.SHUTDOWN_HOOK_SLOW, site, thread.getName(),
                "The Python " + signal + " handler set here is still running " + TimeUnit.NANOSECONDS.toMillis(elapsed)
                        + " ms after the signal arrived (budget " + budgetMillis + " ms,"
                        + " shutdown.budget): the process does not exit, and an orchestrator kills it after its grace"
                        + " period, losing the rest of shutdown"
                        + (joining ? " (sys.exit waits for every non-daemon thread: stop and join each one, with a"
                                + " timeout, before exiting)" : "")
                        + "; bound each step of the handler with a timeout.",
                null, facts));
    }

    @Override
    public void signalHandled(Object signal, Object handler, Throwable failure) throws ReflectiveOperationException {
        context.checkTestFault("python");
        if (failure == null || !isPythonHandler(handler) || !reporter.enabled(Rule.SHUTDOWN_HOOK_FAILED)) {
            return;
        }
        String name = String.valueOf(signal);
        CallSite site = signalHandlers.get(name);
        Class<?> pyException = Class.forName("org.python.core.PyException", false, handler.getClass().getClassLoader());
        if (site == null || !pyException.isInstance(failure) || isSystemExit(failure)) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hook", Thread.currentThread().getName());
        facts.put("signal", name);
        String type = exceptionFacts(failure, facts);
        reporter.report(new Finding(Rule.SHUTDOWN_HOOK_FAILED, site, Thread.currentThread().getName(),
                "The Python " + name + " handler set here ended by " + type + ": the rest of its cleanup did not run and"
                        + " the process goes on running; catch and log failures inside the handler, step by step.",
                null, facts));
    }

    /** Python's handlers reach {@code sun.misc.Signal} as proxies Jython generates ({@code signal.JythonSignalHandler}). */
    static boolean isPythonHandler(Object handler) {
        return handler != null && handler.getClass().getName().startsWith("org.python.proxies.");
    }

    /** The handler thread is blocked in System.exit/halt: the JVM is shutting down, the shutdown rules take over. */
    private static boolean inExit(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (c.equals("java.lang.Shutdown")
                    || c.equals("java.lang.Runtime") && (frame.getMethodName().equals("exit") || frame.getMethodName().equals("halt"))) {
                return true;
            }
        }
        return false;
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
        Object request = null;
        Object top = frame;
        for (int depth = 0; frame != null && depth < 1000; depth++) {
            Object code = get(frame, "f_code");
            if (code != null) {
                String file = String.valueOf(get(code, "co_filename"));
                Object name = get(code, "co_name");
                if (socket == null && "_connect".equals(name) && file.contains("_socket")) {
                    socket = local(frame, code, "self");
                } else if (connection == null && "connect".equals(name) && file.contains("httplib")) {
                    connection = local(frame, code, "self");
                } else if (request == null && "do_open".equals(name) && file.contains("urllib2")) {
                    request = local(frame, code, "req");
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
        // urllib2 knows the URL the application asked for, also when a proxy carries it; httplib only its peer
        Object original = request == null ? null : attr(request, "_Request__original");
        String url;
        String host;
        boolean https;
        if (original != null && !isNone(original)) {
            url = Redaction.url(pyStr(original));
            URI uri = URI.create(url);
            host = uri.getHost() == null ? "" : uri.getHost();
            https = "https".equalsIgnoreCase(uri.getScheme());
        } else {
            host = pyStr(attr(connection, "host"));
            Object port = attr(connection, "port");
            https = "443".equals(pyStr(attr(connection, "default_port")));
            url = Redaction.url((https ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host)
                    + (port == null ? "" : ":" + pyStr(port)) + "/");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Object method = attr(connection, "_method");
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

    /** A local variable of a Python function's frame, by name, or null. */
    private static Object local(Object frame, Object code, String name) throws ReflectiveOperationException {
        Object names = code.getClass().getField("co_varnames").get(code);
        if (names instanceof String[] varnames) {
            for (int i = 0; i < varnames.length; i++) {
                if (name.equals(varnames[i])) {
                    return frame.getClass().getMethod("getlocal", int.class).invoke(frame, i);
                }
            }
        }
        return null;
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
