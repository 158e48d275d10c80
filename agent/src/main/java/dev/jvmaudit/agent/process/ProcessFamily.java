package dev.jvmaudit.agent.process;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.ProcessBridge;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Processes.
 *
 * <pre>
 * java.lang.ProcessImpl.start(String[], Map, String, Redirect[], boolean)   every ProcessBuilder.start, startPipeline,
 *                                                                           Runtime.exec: judged here, once
 * java.lang.Runtime.exec(String, String[], File)                           only remembers the string of exec(String...)
 * </pre>
 */
public final class ProcessFamily implements Family {

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("java.lang.ProcessImpl",
                        () -> named("start").and(takesArguments(5)).and(takesArgument(0, String[].class)), ProcessStartAdvice.class),
                new Hook("java.lang.Runtime",
                        () -> named("exec").and(takesArguments(3)).and(takesArgument(0, String.class)), ExecStringAdvice.class));
    }

    @Override
    public void start(AgentContext context) {
        ProcessBridge.hooks = new ProcessRules(context);
    }

    @Override
    public void stop() {
        ProcessBridge.hooks = null;
    }
}
