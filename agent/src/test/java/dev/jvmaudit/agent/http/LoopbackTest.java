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
