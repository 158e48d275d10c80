package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.fake.LoopbackHttpServer;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Request;
import dev.jvmaudit.demo.keepalived.RouterState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class L3AgentClientTest {

    @Test
    void deliversTheStateInTheNeutronHeaders() throws Exception {
        try (LoopbackHttpServer agent = LoopbackHttpServer.start("test-l3", Answer.OK)) {
            assertTrue(new L3AgentClient(agent.uri()).notifyAgent("r-7", RouterState.BACKUP));
            assertEquals(List.of(new Request("GET", URI.create("/"), "r-7", "backup")), agent.received());
        }
    }

    @Test
    void aRefusalIsAnAnswerNotAnException() throws Exception {
        try (LoopbackHttpServer agent = LoopbackHttpServer.start("test-l3", Answer.FAIL)) {
            assertFalse(new L3AgentClient(agent.uri()).notifyAgent("r-7", RouterState.PRIMARY));
        }
    }

    @Test
    void aHungAgentCostsTheReadTimeoutAndNoMore() throws Exception {
        try (LoopbackHttpServer agent = LoopbackHttpServer.start("test-l3", Answer.HANG)) {
            long start = System.nanoTime();
            assertFalse(new L3AgentClient(agent.uri()).notifyAgent("r-7", RouterState.PRIMARY));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= L3AgentClient.READ_TIMEOUT.toMillis() - 100, elapsedMillis + " ms");
            assertTrue(elapsedMillis < L3AgentClient.READ_TIMEOUT.toMillis() + 2_000, elapsedMillis + " ms");
        }
    }

    @Test
    void nobodyListeningIsAnAnswerToo() {
        // port 9 (discard) is closed on loopback in any test environment worth the name
        assertFalse(new L3AgentClient(URI.create("http://127.0.0.1:9/")).notifyAgent("r-7", RouterState.BACKUP));
    }
}
