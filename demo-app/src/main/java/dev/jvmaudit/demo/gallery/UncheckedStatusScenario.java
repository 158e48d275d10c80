package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** http.unchecked-status: a quota service's error page is taken for the quota, because nobody looked at the status. */
final class UncheckedStatusScenario implements Scenario {

    @Override
    public String rule() {
        return "http.unchecked-status";
    }

    @Override
    public String story() {
        return "reads the body of a java.net.http response (HTTP 500) as the router quota, never its status";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        HttpResponse<String> response = fetchQuota(context);
        ConsoleLog.info("router quota is '%s'", response.body().trim());
    }

    @Override
    public void twin(GalleryContext context) throws Exception {
        HttpResponse<String> response = fetchQuota(context);
        if (response.statusCode() != 200) {
            ConsoleLog.info("quota service failed with HTTP %d; keeping the last known quota", response.statusCode());
            return;
        }
        ConsoleLog.info("router quota is '%s'", response.body().trim());
    }

    private static HttpResponse<String> fetchQuota(GalleryContext context) throws Exception {
        URI quota = context.server(Answer.FAIL).uri().resolve("quota/routers");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(quota).timeout(Duration.ofSeconds(5)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
