package example;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** OkHttp: {@code bad} commits one violation per method (the {@code // sent} line), {@code good} its twin. */
public final class HttpOkHttpCases {

    static LoopbackServer server;
    static final OkHttpClient CLIENT = new OkHttpClient();

    public static void main(String[] args) throws Exception {
        try (LoopbackServer s = LoopbackServer.http()) {
            server = s;
            if (args[0].equals("bad")) {
                uncheckedStatus();
                uncheckedStatusEnqueue();
                cleartextThroughProxy();
                readTimeoutZero();
            } else {
                statusChecked();
                isSuccessfulInCallback();
                redirectFollowed();
                loopbackByName();
                readTimeoutZeroWithCallTimeout();
            }
        } finally {
            CLIENT.dispatcher().executorService().shutdown();
            CLIENT.connectionPool().evictAll();
        }
        System.out.println("done");
    }

    static Request get(String url) {
        return new Request.Builder().url(url).build();
    }

    static void uncheckedStatus() throws IOException {
        try (Response response = CLIENT.newCall(get(server.base() + "/fail")).execute()) { // sent
            use(response.body().string());
        }
    }

    static void uncheckedStatusEnqueue() {
        CompletableFuture<String> body = new CompletableFuture<>();
        CLIENT.newCall(get(server.base() + "/fail")).enqueue(new Callback() { // sent
            @Override
            public void onFailure(Call call, IOException e) {
                body.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    body.complete(response.body().string());
                }
            }
        });
        use(body.join());
    }

    static void cleartextThroughProxy() throws IOException {
        OkHttpClient client = CLIENT.newBuilder().proxy(new Proxy(Proxy.Type.HTTP, server.address())).build();
        try (Response response = client.newCall(get("http://user:hunter2@api.example.com/orders?token=s3cr3t-query")).execute()) { // sent
            check(response.code());
        }
    }

    static void readTimeoutZero() throws IOException {
        OkHttpClient client = CLIENT.newBuilder().readTimeout(0, TimeUnit.SECONDS).build();
        try (Response response = client.newCall(get(server.base() + "/ok")).execute()) { // sent
            check(response.code());
        }
    }

    static void statusChecked() throws IOException {
        try (Response response = CLIENT.newCall(get(server.base() + "/fail")).execute()) {
            use(response.body().string());
            check(response.code());
        }
    }

    static void isSuccessfulInCallback() {
        CompletableFuture<Boolean> ok = new CompletableFuture<>();
        CLIENT.newCall(get(server.base() + "/fail")).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                ok.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    ok.complete(response.isSuccessful());
                }
            }
        });
        if (ok.join()) {
            throw new IllegalStateException("expected a failure");
        }
    }

    static void redirectFollowed() throws IOException {
        try (Response response = CLIENT.newCall(get(server.base() + "/redirect")).execute()) {
            check(response.code());
        }
    }

    static void loopbackByName() throws IOException {
        try (Response response = CLIENT.newCall(get("http://localhost:" + server.port() + "/ok")).execute()) {
            check(response.code());
        }
    }

    static void readTimeoutZeroWithCallTimeout() throws IOException {
        OkHttpClient client = CLIENT.newBuilder().readTimeout(0, TimeUnit.SECONDS).callTimeout(5, TimeUnit.SECONDS).build();
        try (Response response = client.newCall(get(server.base() + "/ok")).execute()) {
            check(response.code());
        }
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
