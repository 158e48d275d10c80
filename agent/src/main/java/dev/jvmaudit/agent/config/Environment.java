package dev.jvmaudit.agent.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment, read from {@code /proc/self/environ} where the system has one: on JDK 25
 * {@code System.getenv} initializes {@code ProcessImpl}, which the process rules hook, and every hooked class loaded
 * before the agent's transformer costs a retransformation at every start. Elsewhere, {@code System.getenv()}.
 */
public final class Environment {

    private static Map<String, String> variables;

    private Environment() {
    }

    public static synchronized Map<String, String> variables() {
        if (variables == null) {
            variables = read();
        }
        return variables;
    }

    private static Map<String, String> read() {
        byte[] block;
        try (FileInputStream in = new FileInputStream("/proc/self/environ")) {
            block = in.readAllBytes();
        } catch (IOException | RuntimeException noProc) {
            return System.getenv();
        }
        return Collections.unmodifiableMap(parse(block, jnuCharset()));
    }

    /** {@code NAME=value} entries separated by NUL bytes, decoded as the JDK decodes the environment. */
    static Map<String, String> parse(byte[] block, Charset charset) {
        Map<String, String> parsed = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                if (i > start) {
                    String entry = new String(block, start, i - start, charset);
                    int eq = entry.indexOf('=');
                    if (eq >= 0) {
                        parsed.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return parsed;
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
