package dev.jvmaudit.agent.report;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Generated URLs, well-formed or not: the secret in user-info or the query never survives redaction. */
class RedactionPropertiesTest {

    private static final String SECRET = "S3cr3tV4lu3";

    @Property(tries = 1000)
    void noSecretSurvives(@ForAll("urlWithSecret") String url) {
        String redacted = Redaction.url(url);
        assertNotNull(redacted);
        assertFalse(redacted.contains(SECRET), url + " -> " + redacted);
    }

    @Property(tries = 1000)
    void anyStringIsHandled(@ForAll String anything) {
        assertNotNull(Redaction.url(anything));
    }

    @Provide
    Arbitrary<String> urlWithSecret() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTP", "ftp", "");
        Arbitrary<String> host = Arbitraries.of("example.com", "127.0.0.1", "[::1]", "[fe80::1%25eth0]", "bücher.example",
                "xn--bcher-kva.example", "host:8080", "", "a b", "%zz");
        Arbitrary<String> userInfo = Arbitraries.of(SECRET + "@", "user:" + SECRET + "@", "u%40x:" + SECRET + "@");
        Arbitrary<String> path = Arbitraries.strings().withChars("/abc%é ?#").ofMaxLength(12);
        Arbitrary<String> query = Arbitraries.of("?token=" + SECRET, "?a=1&key=" + SECRET + "#f", "#" + SECRET, "?" + SECRET);
        Arbitrary<Boolean> inUserInfo = Arbitraries.of(true, false);
        return Combinators.combine(scheme, host, userInfo, path, query, inUserInfo).as((s, h, u, p, q, which) ->
                (s.isEmpty() ? "" : s + "://") + (which ? u : "") + h + p.replace("?", "").replace("#", "") + (which ? "" : q));
    }
}
