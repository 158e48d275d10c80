package dev.jvmaudit.agent.process;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.ProcessBridge;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code process.shell}: a process started through a shell with a command string. Never reads the environment. */
final class ProcessRules implements ProcessBridge.Hooks {

    private final AgentContext context;
    private final Reporter reporter;

    ProcessRules(AgentContext context) {
        this.context = context;
        this.reporter = context.reporter();
    }

    @Override
    public void starting(String[] command, String execString) {
        context.checkTestFault("process");
        if (command.length == 0 || !reporter.enabled(Rule.PROCESS_SHELL)) {
            return;
        }
        ShellCommands.ShellRun shellRun = ShellCommands.shellRun(command);
        Map<String, Object> facts = new LinkedHashMap<>();
        if (shellRun != null) {
            facts.put("program", ShellCommands.firstProgram(shellRun.command()));
            facts.put("shell", shellRun.shell());
            facts.put("command", ShellCommands.redact(execString != null ? execString : shellRun.command()));
            facts.put("via", execString != null ? "Runtime.exec(String)" : "ProcessBuilder");
            CallSite site = CallSites.current();
            if (site == null) {
                return;
            }
            String fix = site.isPython()
                    ? "subprocess.Popen([program, arg1, arg2]) without shell=True (os.system always runs a shell)"
                    : "new ProcessBuilder(program, arg1, arg2)";
            reporter.report(new Finding(Rule.PROCESS_SHELL, site, Thread.currentThread().getName(),
                    "A process is started through " + ShellCommands.name(shellRun.shell()) + " with a command string: "
                            + "any value concatenated into it can inject commands; start the program directly with an "
                            + "argument list (" + fix + ").",
                    null, facts));
        } else if (execString != null && ShellCommands.hasMetacharacters(execString)) {
            facts.put("program", ShellCommands.redact(command[0]));
            facts.put("shell", "none");
            facts.put("command", ShellCommands.redact(execString));
            facts.put("via", "Runtime.exec(String)");
            reporter.report(Rule.PROCESS_SHELL,
                    "Runtime.exec(String) is given a command line with shell metacharacters, but it runs no shell: it "
                            + "splits the string on spaces, so the metacharacters reach the program literally, and "
                            + "wrapping it in a shell later opens command injection; pass an argument list.",
                    null, facts);
        }
    }
}
