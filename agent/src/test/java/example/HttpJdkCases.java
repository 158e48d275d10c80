package example;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * java.net.http: {@code bad} commits one violation per method (the line marked {@code // sent} is its call site),
 * {@code good} does the same work correctly.
 */
public final class HttpJdkCases {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static LoopbackServer server;

    public static void main(String[] args) throws Exception {
        try (LoopbackServer s = LoopbackServer.http()) {
            server = s;
            if (args[0].equals("bad")) {
                uncheckedStatus();
                System.out.println("judged-at-gc=" + awaitJudgedByGc());
                uncheckedStatusAsync();
                uncheckedStatusAfterAFailedSend();
                uncheckedStatusAfterAnInterruptedSend();
                cleartextThroughProxy();
                noTimeout();
            } else {
                statusCheckedAfterBody();
                statusCheckedInBodyHandler();
                statusCheckedThroughAKeptResponseInfo();
                statusCheckedAsync();
                redirectFollowed();
                loopbackCleartext();
                requestTimeoutOnly();
            }
        }
        System.out.println("done");
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
    }

    static void uncheckedStatus() throws Exception {
        HttpResponse<String> response = client().send(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString()); // sent
        use(response.body());
    }

    /** Drops the response and collects it: the finding must come from the collector, before exit. */
    static boolean awaitJudgedByGc() throws Exception {
        for (int i = 0; i < 100; i++) {
            System.gc();
            Thread.sleep(50);
            Path log = Path.of("findings.jsonl");
            if (Files.exists(log) && Files.readString(log).contains("http.unchecked-status")) {
                return true;
            }
        }
        return false;
    }

    static void uncheckedStatusAsync() {
        String body = client().sendAsync(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString()) // sent
                .thenApply(HttpResponse::body).join();
        use(body);
    }

    /** A synchronous send that throws must leave nothing behind on its thread: the next, asynchronous one is tracked. */
    static void uncheckedStatusAfterAFailedSend() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try {
            client().send(get("http://127.0.0.1:" + closed + "/refused"), HttpResponse.BodyHandlers.ofString());
            throw new IllegalStateException("a closed port answered");
        } catch (java.net.ConnectException expected) {
            // refused, as meant
        }
        String body = client().sendAsync(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString()) // sent
                .thenApply(HttpResponse::body).join();
        use(body);
    }

    /** A synchronous send that throws before its sendAsync must not make the thread's next sendAsync look like its own. */
    static void uncheckedStatusAfterAnInterruptedSend() {
        Thread.currentThread().interrupt();
        try {
            client().send(get(server.base() + "/ok"), HttpResponse.BodyHandlers.ofString());
            throw new IllegalStateException("an interrupted send went through");
        } catch (InterruptedException expected) {
            // thrown before anything is sent
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String body = client().sendAsync(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString()) // sent
                .thenApply(HttpResponse::body).join();
        use(body);
    }

    static void cleartextThroughProxy() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).proxy(ProxySelector.of(server.address())).build();
        HttpRequest request = get("http://api.example.com/orders?token=s3cr3t-query");
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString()); // sent
        check(response.statusCode());
    }

    static void noTimeout() throws Exception {
        HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(server.base() + "/ok")).build(), // sent
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode());
    }

    static void statusCheckedAfterBody() throws Exception {
        HttpResponse<String> response = client().send(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString());
        use(response.body());
        if (response.statusCode() != 500) {
            throw new IllegalStateException("expected 500");
        }
    }

    static void statusCheckedInBodyHandler() throws Exception {
        HttpResponse.BodyHandler<String> checking = info -> {
            if (info.statusCode() >= 400) {
                return HttpResponse.BodySubscribers.replacing("failed");
            }
            return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
        };
        HttpResponse<String> response = client().send(get(server.base() + "/fail"), checking);
        use(response.body());
    }

    /** The handler keeps its ResponseInfo and the status is read through it after send returned. */
    static void statusCheckedThroughAKeptResponseInfo() throws Exception {
        HttpResponse.ResponseInfo[] kept = new HttpResponse.ResponseInfo[1];
        HttpResponse<String> response = client().send(get(server.base() + "/fail"), info -> {
            kept[0] = info;
            return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
        });
        use(response.body());
        check(kept[0].statusCode());
    }

    static void statusCheckedAsync() {
        int status = client().sendAsync(get(server.base() + "/fail"), HttpResponse.BodyHandlers.ofString())
                .thenApply(HttpResponse::statusCode).join();
        check(status);
    }

    static void redirectFollowed() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> response = client.send(get(server.base() + "/redirect"), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode());
    }

    static void loopbackCleartext() throws Exception {
        HttpResponse<String> response = client().send(get("http://localhost:" + server.port() + "/ok"),
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode());
    }

    static void requestTimeoutOnly() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(get(server.base() + "/ok"), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode());
    }

    static void use(String body) {
        if (body == null) {
            throw new IllegalStateException();
        }
    }

    static void check(int status) {
        if (status != 200 && status != 500) {
            throw new IllegalStateException("unexpected status " + status);
        }
    }
}
