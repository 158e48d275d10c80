package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;
import dev.jvmaudit.demo.fake.LoopbackHttpServer.Answer;

import java.io.InputStream;
import java.net.HttpURLConnection;

/** http.no-timeout: a health check with HttpURLConnection's defaults, which wait for ever. */
final class NoTimeoutScenario implements Scenario {

    @Override
    public String rule() {
        return "http.no-timeout";
    }

    @Override
    public String story() {
        return "polls a health endpoint with HttpURLConnection and no connect or read timeout";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        HttpURLConnection connection = open(context);
        check(connection);
    }

    @Override
    public void twin(GalleryContext context) throws Exception {
        HttpURLConnection connection = open(context);
        connection.setConnectTimeout(1_000);
        connection.setReadTimeout(2_000);
        check(connection);
    }

    private static HttpURLConnection open(GalleryContext context) throws Exception {
        return (HttpURLConnection) context.server(Answer.OK).uri().resolve("healthz").toURL().openConnection();
    }

    private static void check(HttpURLConnection connection) throws Exception {
        int status = connection.getResponseCode();
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
        ConsoleLog.info("health check answered HTTP %d", status);
    }
}
