package dev.jvmaudit.agent.shutdown;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.EndOfRun;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.ShutdownBridge;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Shutdown hooks. {@code ApplicationShutdownHooks.runHooks} starts every application hook and joins them all: its
 * exit is the moment after which the agent runs its own end-of-run work.
 */
public final class ShutdownFamily implements Family, ShutdownBridge.Hooks {

    private final EndOfRun endOfRun;

    public ShutdownFamily(EndOfRun endOfRun) {
        this.endOfRun = endOfRun;
    }

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(new Hook("java.lang.ApplicationShutdownHooks", named("runHooks"), RunHooksAdvice.class));
    }

    @Override
    public void start(AgentContext context) {
        ShutdownBridge.hooks = this;
    }

    @Override
    public void stop() {
        ShutdownBridge.hooks = null;
    }

    /** Makes the JVM run {@code ApplicationShutdownHooks} at exit even if the application registers no hook. */
    public static void ensureApplicationHooksRun() throws ClassNotFoundException {
        Class.forName("java.lang.ApplicationShutdownHooks", true, null);
    }

    @Override
    public void applicationHooksStarting() {
    }

    @Override
    public void applicationHooksDone() {
        endOfRun.run();
    }
}
