package example;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.util.Timeout;

/** Apache HttpClient 5 classic: {@code bad} commits one violation per method (the {@code // sent} line), {@code good} its twin. */
public final class HttpApacheCases {

    static LoopbackServer server;

    public static void main(String[] args) throws Exception {
        try (LoopbackServer s = LoopbackServer.http()) {
            server = s;
            if (args[0].equals("bad")) {
                uncheckedStatusInOwnHandler();
                uncheckedStatusExecuteOpen();
                cleartextThroughProxy();
                responseTimeoutDisabled();
                socketTimeoutDisabled();
            } else {
                libraryHandlerChecksStatus();
                statusCheckedAfterBody();
                statusLineRead();
                redirectFollowed();
                loopbackByName();
                defaultClient();
                requestConfigWinsOverConnectionConfig();
            }
        }
        System.out.println("done");
    }

    static void uncheckedStatusInOwnHandler() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            String body = client.execute(new HttpGet(server.base() + "/fail"), r -> EntityUtils.toString(r.getEntity())); // sent
            use(body);
        }
    }

    static void uncheckedStatusExecuteOpen() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault();
             ClassicHttpResponse response = client.executeOpen(null, new HttpGet(server.base() + "/fail"), null)) { // sent
            use(EntityUtils.toString(response.getEntity()));
        }
    }

    static void cleartextThroughProxy() throws Exception {
        HttpHost proxy = new HttpHost("http", "127.0.0.1", server.port());
        try (CloseableHttpClient client = HttpClients.custom().setProxy(proxy).build()) {
            use(client.execute(new HttpGet("http://api.example.com/orders?token=s3cr3t-query"), new BasicHttpClientResponseHandler())); // sent
        }
    }

    static void responseTimeoutDisabled() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            HttpGet get = new HttpGet(server.base() + "/ok");
            get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build());
            use(client.execute(get, new BasicHttpClientResponseHandler())); // sent
        }
    }

    static void socketTimeoutDisabled() throws Exception {
        ConnectionConfig noTimeouts = ConnectionConfig.custom().setConnectTimeout(Timeout.DISABLED).setSocketTimeout(Timeout.DISABLED).build();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setDefaultConnectionConfig(noTimeouts).build()).build()) {
            use(client.execute(new HttpGet(server.base() + "/ok"), new BasicHttpClientResponseHandler())); // sent
        }
    }

    static void libraryHandlerChecksStatus() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            use(client.execute(new HttpGet(server.base() + "/ok"), new BasicHttpClientResponseHandler()));
        }
    }

    static void statusCheckedAfterBody() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault();
             ClassicHttpResponse response = client.executeOpen(null, new HttpGet(server.base() + "/fail"), null)) {
            use(EntityUtils.toString(response.getEntity()));
            if (response.getCode() != 500) {
                throw new IllegalStateException("expected 500");
            }
        }
    }

    static void statusLineRead() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            String line = client.execute(new HttpGet(server.base() + "/fail"), r -> {
                EntityUtils.consume(r.getEntity());
                return new StatusLine(r).toString();
            });
            use(line);
        }
    }

    static void redirectFollowed() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            use(client.execute(new HttpGet(server.base() + "/redirect"), new BasicHttpClientResponseHandler()));
        }
    }

    static void loopbackByName() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            use(client.execute(new HttpGet("http://localhost:" + server.port() + "/ok"), new BasicHttpClientResponseHandler()));
        }
    }

    static void defaultClient() throws Exception {
        try (CloseableHttpClient client = HttpClients.createMinimal()) {
            use(client.execute(new HttpGet(server.base() + "/ok"), new BasicHttpClientResponseHandler()));
        }
    }

    static void requestConfigWinsOverConnectionConfig() throws Exception {
        ConnectionConfig noSocketTimeout = ConnectionConfig.custom().setSocketTimeout(Timeout.DISABLED).build();
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDefaultConnectionConfig(noSocketTimeout).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build()).build()) {
            use(client.execute(new HttpGet(server.base() + "/ok"), new BasicHttpClientResponseHandler()));
        }
    }

    static void use(String body) {
        if (body == null) {
            throw new IllegalStateException();
        }
    }
}
