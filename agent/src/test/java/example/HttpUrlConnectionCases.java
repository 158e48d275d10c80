package example;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;

/** HttpURLConnection: {@code bad} commits one violation per method (the {@code // sent} line), {@code good} its twin. */
public final class HttpUrlConnectionCases {

    static LoopbackServer server;

    public static void main(String[] args) throws Exception {
        try (LoopbackServer s = LoopbackServer.http()) {
            server = s;
            if (args[0].equals("bad")) {
                cleartextThroughProxy();
                noTimeout();
                zeroReadTimeout();
                noTimeoutThroughARedirect();
            } else {
                loopbackWithTimeouts();
                loopbackByName();
                defaultTimeoutsFromProperties();
                redirectWithTimeouts();
            }
        }
        System.out.println("done");
    }

    static void cleartextThroughProxy() throws Exception {
        URL url = new URL("http://user:hunter2@api.example.com/orders?token=s3cr3t-query");
        HttpURLConnection c = (HttpURLConnection) url.openConnection(new Proxy(Proxy.Type.HTTP, server.address()));
        timeouts(c);
        c.getInputStream().readAllBytes(); // sent
        c.disconnect();
    }

    static void noTimeout() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/ok").openConnection();
        c.getInputStream().readAllBytes(); // sent
        c.disconnect();
    }

    static void zeroReadTimeout() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/ok").openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(0);
        c.getInputStream().readAllBytes(); // sent
        c.disconnect();
    }

    /** The redirect connects the same connection object a second time: still one finding. */
    static void noTimeoutThroughARedirect() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/redirect").openConnection();
        c.getInputStream().readAllBytes(); // sent
        c.disconnect();
    }

    static void loopbackWithTimeouts() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/ok").openConnection();
        timeouts(c);
        read(c);
    }

    static void loopbackByName() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + server.port() + "/ok").openConnection();
        timeouts(c);
        read(c);
    }

    /** Run with -Dsun.net.client.defaultConnectTimeout and -Dsun.net.client.defaultReadTimeout. */
    static void defaultTimeoutsFromProperties() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/ok").openConnection();
        read(c);
    }

    static void redirectWithTimeouts() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(server.base() + "/redirect").openConnection();
        timeouts(c);
        read(c);
    }

    static void timeouts(HttpURLConnection c) {
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
    }

    static void read(HttpURLConnection c) throws Exception {
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
        c.disconnect();
    }
}
