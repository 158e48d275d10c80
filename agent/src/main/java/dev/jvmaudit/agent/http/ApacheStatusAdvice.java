package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code CloseableHttpResponse.getCode()}: the response the application holds (it delegates to the wrapped one). */
final class ApacheStatusAdvice {

    private ApacheStatusAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object response) {
        HttpBridge.statusRead(HttpBridge.APACHE_HC5, response);
    }
}
