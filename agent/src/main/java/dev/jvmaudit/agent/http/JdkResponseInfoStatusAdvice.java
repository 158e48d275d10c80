package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * {@code ResponseInfoImpl.statusCode()}, read by a body handler before the response exists: keyed by the
 * {@code HttpHeaders} object the response will share with it, which the hand-over looks up.
 */
final class JdkResponseInfoStatusAdvice {

    private JdkResponseInfoStatusAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.FieldValue("headers") Object headers) {
        HttpBridge.statusRead(HttpBridge.JDK_HTTP_CLIENT, headers);
    }
}
