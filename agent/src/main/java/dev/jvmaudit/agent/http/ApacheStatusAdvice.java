package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code CloseableHttpResponse.getCode()}: the response the application holds (it delegates to the wrapped one). */
final class ApacheStatusAdvice {

    private ApacheStatusAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response) {
        HttpBridge.statusRead(HttpBridge.APACHE_HC5, response);
    }
}
