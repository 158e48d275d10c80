package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * http.cleartext: invoices go to the billing service over plain http. The request really goes out, but to a fake
 * proxy on 127.0.0.1, so no packet and no DNS query leaves the machine.
 */
final class CleartextScenario implements Scenario {

    static final URI BILLING = URI.create("http://billing.internal.example/api/invoices");

    @Override
    public String rule() {
        return "http.cleartext";
    }

    @Override
    public String story() {
        return "posts an invoice to http://billing.internal.example (through a proxy on 127.0.0.1)";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        int proxyPort = context.server(Answer.OK).port();
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        send(client, BILLING);
    }

    /** The fix: talk to the TLS-terminating sidecar on loopback, which carries the call over mTLS. */
    @Override
    public void twin(GalleryContext context) throws Exception {
        URI sidecar = context.server(Answer.OK).uri().resolve("api/invoices");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        send(client, sidecar);
    }

    private static void send(HttpClient client, URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"router\":\"demo-router-1\",\"hours\":24}"))
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        ConsoleLog.info("%s answered HTTP %d", uri, response.statusCode());
    }
}
