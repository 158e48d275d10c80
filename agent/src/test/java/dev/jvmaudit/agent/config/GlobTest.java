package dev.jvmaudit.agent.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
            "*.key, server.key, true",
            "*.key, server.KEY, true",
            "*.key, server.key.bak, false",
            "*secret*, db-Secret.bin, true",
            "*secret*, secret, true",
            "*state, router.state, true",
            "*state, state, true",
            "*state, statement, false",
            "a?c, abc, true",
            "a?c, ac, false",
            "*a*b*c, xxaxxbxxc, true",
            "*a*b*c, xxaxxbxxcx, false",
            "com.acme.*, com.acme.Tool, true",
            "com.acme.*, org.acme.Tool, false",
            "**, '', true",
            "abc, abc, true",
            "abc, abcd, false",
    })
    void wildcards(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }
}
