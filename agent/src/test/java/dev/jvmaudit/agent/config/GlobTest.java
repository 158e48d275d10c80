package dev.jvmaudit.agent.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "a*a, a, false",
            "a*a, aa, true",
            "*?.pem, .pem, false",
            "*?.pem, k.PEM, true",
            "*s?cret*, my-SECRET, true",
            "*, '', true",
            "?, '', false",
    })
    void wildcards(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }

    @Test
    void aFileNameIsMatchedWhereItStartsInThePath() {
        Glob sensitive = Glob.parse("*.key;*secret*");
        assertTrue(sensitive.matches("/srv/app/server.key", "/srv/app/".length()));
        assertFalse(sensitive.matches("/srv/secrets/app.conf", "/srv/secrets/".length()), "directories do not count");
        assertTrue(sensitive.matches("/x/My-Secret", 3));
        assertFalse(Glob.NONE.matches("anything"));
        assertFalse(sensitive.matches(null));
    }

    /** The pieces-in-order matcher agrees with plain backtracking wildcard matching on generated globs and names. */
    @Property(tries = 3000)
    void agreesWithBacktracking(@ForAll("globs") String pattern, @ForAll("names") String text) {
        assertEquals(backtracking(pattern, text), Glob.matches(pattern, text), pattern + " ~ " + text);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab*?K.-#1\u00e9").ofMaxLength(7);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abAk.K\u212A-_#1\u00c9").ofMaxLength(9); // U+212A, the Kelvin sign, lower-cases to k
    }

    private static boolean backtracking(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?'
                    || Character.toLowerCase(pattern.charAt(p)) == Character.toLowerCase(text.charAt(t)))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
