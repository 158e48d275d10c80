package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * {@code HttpResponseImpl.statusCode()} and {@code ResponseInfoImpl.statusCode()}: both keep the response's
 * {@code HttpHeaders} object, which is the key that ties a body handler's {@code ResponseInfo} to its response.
 */
final class JdkStatusAdvice {

    private JdkStatusAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("headers") Object headers) {
        HttpBridge.statusRead(HttpBridge.JDK_HTTP_CLIENT, headers);
    }
}
