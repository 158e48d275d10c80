package dev.jvmaudit.agent.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellCommandsTest {

    private static ShellCommands.ShellRun run(String... command) {
        return ShellCommands.shellRun(command);
    }

    @Test
    void posixShellsWithDashC() {
        assertEquals(new ShellCommands.ShellRun("sh", "echo hi"), run("sh", "-c", "echo hi"));
        assertEquals(new ShellCommands.ShellRun("/bin/bash", "ls"), run("/bin/bash", "-lc", "ls"));
        assertEquals(new ShellCommands.ShellRun("/usr/bin/zsh", "ls"), run("/usr/bin/zsh", "-e", "-c", "ls", "name"));
        assertEquals(new ShellCommands.ShellRun("dash", "ls"), run("dash", "-o", "errexit", "-c", "ls"));
        assertEquals(new ShellCommands.ShellRun("bash", "ls"), run("/usr/bin/env", "LANG=C", "bash", "-c", "ls"));
        assertEquals(new ShellCommands.ShellRun("sh", "-x"), run("sh", "-c", "--", "-x"));
    }

    @Test
    void windowsCmd() {
        assertEquals(new ShellCommands.ShellRun("cmd.exe", "dir C:\\"), run("cmd.exe", "/c", "dir", "C:\\"));
        assertEquals(new ShellCommands.ShellRun("CMD", "type a.txt"), run("CMD", "/C", "type a.txt"));
    }

    @Test
    void notAShellCommandString() {
        assertNull(run("sh", "script.sh"));
        assertNull(run("bash", "-e", "script.sh", "-c"));
        assertNull(run("sh", "-c"));
        assertNull(run("echo", "-c", "x"));
        assertNull(run("shellcheck", "-c", "x"));
        assertNull(run("cmd", "dir"));
    }

    @Test
    void metacharacters() {
        for (String s : new String[] {"a;b", "a&b", "a|b", "$HOME", "a<b", "a>b", "(a)", "*.txt", "a?", "[a]", "{a}", "~/x",
                "!1", "#c", "`id`", "a\nb"}) {
            assertTrue(ShellCommands.hasMetacharacters(s), s);
        }
        assertFalse(ShellCommands.hasMetacharacters("echo hello world-1_2.txt /tmp/a:b,c=d"));
    }

    @Test
    void redactionRemovesValuesOfKeyValueWords() {
        assertEquals("API_TOKEN= echo hi", ShellCommands.redact("API_TOKEN=s3cr3t echo hi"));
        assertEquals("curl --password= -u x http://h/a?token=", ShellCommands.redact("curl --password=hunter2 -u x http://h/a?token=abc"));
        assertEquals("PGPASSWORD= psql", ShellCommands.redact("PGPASSWORD='a b c' psql"));
        assertEquals("X= y", ShellCommands.redact("X=\"quoted value\" y"));
        assertEquals("a= b", ShellCommands.redact("a=b=c b"));
        assertEquals("echo a == b", ShellCommands.redact("echo a == b"));
        assertEquals("ls *.txt", ShellCommands.redact("ls *.txt"));
    }

    @Test
    void programIsTheFirstWordAfterAssignments() {
        assertEquals("curl", ShellCommands.firstProgram("TOKEN=x A=b curl http://h"));
        assertEquals("ls", ShellCommands.firstProgram("  ls -l"));
        assertEquals("sh", ShellCommands.name("/bin/SH.exe"));
    }
}
