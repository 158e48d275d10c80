package dev.jvmaudit.agent.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackTest {

    @Test
    void loopbackAsWritten() {
        for (String host : new String[] {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1",
                "0:0:0:0:0:0:0:1", "localhost."}) {
            assertTrue(Loopback.isLoopback(host), host);
        }
        for (String host : new String[] {"example.com", "localhost.example.com", "127.0.0.1.nip.io", "128.0.0.1", "10.0.0.1",
                "127.0.0.256", "[::2]", "", "mylocalhost"}) {
            assertFalse(Loopback.isLoopback(host), host);
        }
    }

    @Test
    void ipv4LoopbackIsScannedLikeTheDottedQuadItIs() {
        for (String h : new String[] {"127.0.0.1", "127.255.255.255", "127.001.2.03"}) {
            assertTrue(Loopback.isIpv4Loopback(h), h);
        }
        for (String h : new String[] {"127.0.0", "127.0.0.1.", "127..0.1", "127.0.0.1.5", "127.0.0.1000", "127.0.0.256",
                "127.0.0.x", "127", "127.", "126.0.0.1", "1127.0.0.1", "127.0.0.-1", "127.0.0.+1"}) {
            assertFalse(Loopback.isIpv4Loopback(h), h);
        }
    }

    @Test
    void cachedUrlVerdictIsTheSameAsParsingTheRedactedUrl() {
        String[] urls = {"http://127.0.0.1:8080/a?x=1", "http://127.0.0.1:8080/b", "http://user:pw@localhost/x",
                "http://user:pw@example.com/x", "http://[::1]:80/", "HTTP://LOCALHOST.:9/", "http://10.0.0.1/a b",
                "http://127.0.0.1/a b", "http://bad host/x", "http://127.0.0.1#frag", "http://evil.com?@127.0.0.1/",
                "http://127.0.0.1\\@evil.com/", "http:127.0.0.1/x", "http://127.0.0.1.nip.io/", "http://", "http://@/"};
        for (int round = 0; round < 2; round++) { // the second round answers from the cache
            for (String url : urls) {
                boolean parsed = Loopback.isLoopback(Loopback.hostOf(dev.jvmaudit.agent.report.Redaction.url(url)));
                assertEquals(parsed, Loopback.isLoopbackUrl(url), url);
                assertEquals(parsed, Loopback.isLoopbackUrl(url), url + " (asked twice in a row)");
            }
        }
        assertTrue(Loopback.cachedAuthorities() <= Loopback.MAX_CACHED);
        assertFalse(Loopback.isLoopbackUrl(null));
    }

    @Test
    void exchangeRedactsOnlyWhenAsked() {
        Exchange ex = new Exchange("c", "GET", "http://user:pw@api.example.com:8080/a?token=x#f", null, "main");
        assertTrue(ex.isCleartext());
        assertFalse(ex.isLoopback());
        assertEquals("http://api.example.com:8080/a", ex.url());
        assertEquals("api.example.com", ex.host());
        assertFalse(new Exchange("c", "GET", "https://127.0.0.1/", null, "main").isCleartext());
        assertTrue(new Exchange("c", "GET", "http://127.0.0.1:1/", null, "main").isLoopback());
    }

    @Test
    void hostIsReadWithoutLookup() {
        assertEquals("api.example.com", Loopback.hostOf("http://user:pw@api.example.com:8080/a?b=c"));
        assertEquals("[::1]", Loopback.hostOf("http://[::1]:8080/a"));
        assertEquals("bad host", Loopback.hostOf("http://bad host/x"));
        assertTrue(Loopback.isCleartext("HTTP://x/"));
        assertFalse(Loopback.isCleartext("https://x/"));
    }

    @Test
    void weakIdentityMapForgetsCollectedKeysAndComparesByIdentity() throws Exception {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        String a = new String("same");
        String b = new String("same");
        assertTrue(map.add(a, "a"));
        assertFalse(map.add(a, "again"));
        assertEquals(null, map.get(b), "equal but not identical");
        assertEquals("a", map.get(a));
        Object dropped = new Object();
        map.add(dropped, "x");
        dropped = null;
        for (int i = 0; i < 50 && map.size() > 1; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(1, map.size());
    }
}
