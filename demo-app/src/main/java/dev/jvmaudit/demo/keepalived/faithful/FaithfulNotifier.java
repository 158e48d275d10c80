package dev.jvmaudit.demo.keepalived.faithful;

import dev.jvmaudit.demo.keepalived.RouterState;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;

/** {@code notify_agent}: tells the L3 agent the new state, and throws on anything but 200. */
final class FaithfulNotifier {

    private final URI l3Agent;

    FaithfulNotifier(URI l3Agent) {
        this.l3Agent = l3Agent;
    }

    void notifyAgent(String routerId, RouterState state) {
        try {
            // httplib2.Http() without a timeout: connect and read may wait for ever
            HttpURLConnection connection = (HttpURLConnection) l3Agent.toURL().openConnection();
            connection.setRequestProperty("X-Neutron-Router-Id", routerId);
            connection.setRequestProperty("X-Neutron-State", state.wire());
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("Unexpected response: " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot notify the L3 agent at " + l3Agent, e);
        }
    }
}
