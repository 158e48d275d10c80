package example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

/**
 * The HTTP(S) server the test programs talk to, on 127.0.0.1 only. It is also the "proxy" of the cleartext cases: a
 * client configured with it as HTTP proxy sends {@code GET http://api.example.com/...} to it, and it answers itself,
 * so no request and no name lookup ever leaves the machine.
 *
 * <pre>
 * /ok        200 "ok"
 * /fail      500 "boom"
 * /redirect  302 to /ok
 * anything else (the proxied requests) 200 "proxied"
 * </pre>
 */
public final class LoopbackServer implements AutoCloseable {

    public static final String PASSWORD = "changeit";

    private final HttpServer server;

    private LoopbackServer(HttpServer server) {
        this.server = server;
        server.createContext("/", LoopbackServer::handle);
        server.start();
    }

    public static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** HTTPS with the key pair in a PKCS12 key store (made by the IT with keytool, for localhost and 127.0.0.1). */
    public static LoopbackServer https(String keyStore) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        return new LoopbackServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} (or https). */
    public String base() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        int status;
        String body;
        switch (path) {
            case "/ok" -> {
                status = 200;
                body = "ok";
            }
            case "/fail" -> {
                status = 500;
                body = "boom";
            }
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", "/ok");
                status = 302;
                body = "moved";
            }
            default -> {
                status = 200;
                body = "proxied";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static KeyStore keyStore(String path) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static SSLContext serverContext(String keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore(keyStore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A trust manager factory over the test key store: honest trust in the test server's certificate. */
    public static TrustManagerFactory trustFactory(String keyStore) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore(keyStore));
        return tmf;
    }
}
