package dev.jvmaudit.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvironmentTest {

    @Test
    void readsWhatSystemGetenvReturns() {
        assertEquals(System.getenv(), Environment.variables());
    }

    @Test
    void parsesNulSeparatedEntriesAsTheJdkDoes() {
        byte[] block = "AUDIT_LOG_FILE=/var/log/a=b.jsonl\0EMPTY=\0NO_EQUALS\0\0=C:=x\0AUDIT_LOG_FILE=second\0ÜBER=ä\0"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("AUDIT_LOG_FILE", "/var/log/a=b.jsonl", "EMPTY", "", "", "C:=x", "ÜBER", "ä"),
                Environment.parse(block, StandardCharsets.UTF_8));
    }
}
