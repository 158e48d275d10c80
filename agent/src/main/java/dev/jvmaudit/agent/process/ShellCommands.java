package dev.jvmaudit.agent.process;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises a command run through a shell, and redacts command strings for the log. Pure functions. */
final class ShellCommands {

    /** What a shell is asked to run. */
    record ShellRun(String shell, String command) {
    }

    static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash");
    private static final Pattern METACHARACTERS = Pattern.compile("[;&|$<>()*?\\[\\]{}~!#`\\n]");
    /** A word that looks like KEY=VALUE (also --key=value): everything after the first '=' goes, quoted or not. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?<=^|\\s)([^\\s=]+=)(?:'[^']*'?|\"[^\"]*\"?|\\S)*");

    private ShellCommands() {
    }

    /** The shell and its command string when {@code command} is {@code sh -c STRING}, {@code cmd /c ...}; else null. */
    static ShellRun shellRun(String[] command) {
        int i = 0;
        if (command.length > 0 && name(command[0]).equals("env")) {
            i = 1;
            while (i < command.length && (command[i].startsWith("-") || command[i].indexOf('=') > 0)) {
                i++;
            }
        }
        if (i >= command.length) {
            return null;
        }
        String shell = name(command[i]);
        if (POSIX_SHELLS.contains(shell)) {
            boolean dashC = false;
            for (int j = i + 1; j < command.length; j++) {
                String arg = command[j];
                if (arg.equals("--") || arg.equals("-")) {
                    return dashC && j + 1 < command.length ? new ShellRun(command[i], command[j + 1]) : null;
                }
                if (arg.equals("-o") || arg.equals("+o") || arg.equals("-O") || arg.equals("+O")) {
                    j++;
                    continue;
                }
                if (arg.startsWith("--")) {
                    continue;
                }
                if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
                    dashC |= arg.startsWith("-") && arg.indexOf('c') > 0;
                    continue;
                }
                return dashC ? new ShellRun(command[i], arg) : null;
            }
            return null;
        }
        if (shell.equals("cmd")) {
            for (int j = i + 1; j < command.length; j++) {
                String arg = command[j].toLowerCase(Locale.ROOT);
                if (arg.equals("/c") || arg.equals("/k") || arg.startsWith("/c ") || arg.startsWith("/k ")) {
                    StringBuilder rest = new StringBuilder(arg.length() > 2 ? command[j].substring(3) : "");
                    for (int k = j + 1; k < command.length; k++) {
                        if (rest.length() > 0) {
                            rest.append(' ');
                        }
                        rest.append(command[k]);
                    }
                    return new ShellRun(command[i], rest.toString());
                }
            }
        }
        return null;
    }

    static boolean hasMetacharacters(String command) {
        return METACHARACTERS.matcher(command).find();
    }

    /** The program's file name without directory and {@code .exe}, lower case. */
    static String name(String program) {
        String base = program.substring(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
        base = base.toLowerCase(Locale.ROOT);
        return base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }

    /** The first word of a command string (after leading KEY=VALUE assignments), for the {@code program} fact. */
    static String firstProgram(String command) {
        for (String word : command.trim().split("\\s+")) {
            if (!word.isEmpty() && !(word.indexOf('=') > 0 && !word.startsWith("-"))) {
                return redact(word);
            }
        }
        return "";
    }

    /** The command string with everything after '=' removed from KEY=VALUE-looking words. */
    static String redact(String command) {
        return KEY_VALUE.matcher(command).replaceAll("$1");
    }
}
