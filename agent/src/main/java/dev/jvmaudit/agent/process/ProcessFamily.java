package dev.jvmaudit.agent.process;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.ProcessBridge;

import java.util.List;

import static dev.jvmaudit.agent.Methods.method;

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
                new Hook("java.lang.ProcessImpl", method("start").arity(5).parameter(0, String[].class), "process.ProcessStartAdvice"),
                new Hook("java.lang.Runtime", method("exec").arity(3).parameter(0, String.class), "process.ExecStringAdvice"));
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
