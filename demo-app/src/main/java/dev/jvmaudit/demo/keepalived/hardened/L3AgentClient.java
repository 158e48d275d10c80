package dev.jvmaudit.demo.keepalived.hardened;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.keepalived.RouterState;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Tells the L3 agent a router's new state, within bounded time, and reports a refusal instead of throwing. */
public final class L3AgentClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final URI l3Agent;

    public L3AgentClient(URI l3Agent) {
        this.l3Agent = l3Agent;
    }

    /** Returns whether the agent took the state (HTTP 200); any other outcome is logged. */
    public boolean notifyAgent(String routerId, RouterState state) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) l3Agent.toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestProperty("X-Neutron-Router-Id", routerId);
            connection.setRequestProperty("X-Neutron-State", state.wire());
            int status = connection.getResponseCode();
            // read to the end so that the connection can be kept alive and reused
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            if (status == 200) {
                return true;
            }
            ConsoleLog.warn("the L3 agent refused state %s of router %s: HTTP %d", state.wire(), routerId, status);
            return false;
        } catch (IOException e) {
            ConsoleLog.warn("cannot notify the L3 agent of state %s of router %s: %s", state.wire(), routerId, e);
            // a timed-out connection must not go back to the keep-alive cache
            if (connection != null) {
                connection.disconnect();
            }
            return false;
        }
    }
}
