package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code HttpResponseImpl.statusCode()}: the response is its own status key. */
final class JdkStatusAdvice {

    private JdkStatusAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object response) {
        HttpBridge.statusRead(HttpBridge.JDK_HTTP_CLIENT, response);
    }
}
