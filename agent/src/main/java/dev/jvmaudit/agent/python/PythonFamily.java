package dev.jvmaudit.agent.python;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.thread.ThreadFamily;
import dev.jvmaudit.bootstrap.PythonBridge;

import java.util.List;

import static dev.jvmaudit.agent.Methods.method;

/**
 * Python code run by Jython 2.7. Most Python acts reach hooked JDK methods (files, processes, threads) and only need
 * Python call sites ({@link PythonFrames}); these Jython methods, matched by name and applied only when Jython is
 * loaded, cover the rest.
 *
 * <pre>
 * org.python.modules.posix.PosixModule.chmod / lchmod(PyObject, int)    os.chmod, os.lchmod (native, jnr-posix)
 * org.python.modules.posix.PosixModule.mkdir(PyObject, int)             os.mkdir, os.makedirs (native, jnr-posix)
 * org.python.core.PySystemState$PySystemStateCloser.runClosers()        Jython's closer: files left open at exit
 * org.python.core.Py.setException(Throwable, PyFrame)                   every Python except: threading's own catch
 * org.python.netty.channel.AbstractChannel.connect(SocketAddress)       socket.connect (httplib, urllib2)
 * sun.misc.Signal.handle(Signal, SignalHandler)                         signal.signal: where a Python handler is set
 * sun.misc.Signal$InternalMiscHandler.handle(jdk.internal.misc.Signal)  a Python signal handler runs (and how it ends)
 * org.python.core.PySystemState.callExitFunc()                          atexit functions run on this thread
 * </pre>
 */
public final class PythonFamily implements Family {

    private static final String POSIX = "org.python.modules.posix.PosixModule";

    private final FileFamily files;
    private final ThreadFamily threads;

    /** @param files, threads the families whose rules Python acts feed (null when switched off) */
    public PythonFamily(FileFamily files, ThreadFamily threads) {
        this.files = files;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "python";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook(POSIX, method("chmod", "lchmod").arity(2), "python.PosixChmodAdvice"),
                new Hook(POSIX, method("mkdir").arity(2), "python.PosixMkdirAdvice"),
                new Hook("org.python.core.PySystemState$PySystemStateCloser", method("runClosers").arity(0), "python.CloserAdvice"),
                new Hook("org.python.core.Py", method("setException").arity(2), "python.SetExceptionAdvice"),
                new Hook("org.python.netty.channel.AbstractChannel", method("connect").arity(1), "python.ConnectAdvice"),
                new Hook("sun.misc.Signal", method("handle").arity(2), "python.SignalHandleAdvice"),
                new Hook("sun.misc.Signal$InternalMiscHandler", method("handle").arity(1), "python.SignalDispatchAdvice"),
                new Hook("org.python.core.PySystemState", method("callExitFunc").arity(0), "python.ExitFuncAdvice"));
    }

    @Override
    public void start(AgentContext context) {
        PythonBridge.hooks = new PythonRules(context, files, threads);
    }

    @Override
    public void stop() {
        PythonBridge.hooks = null;
    }
}
