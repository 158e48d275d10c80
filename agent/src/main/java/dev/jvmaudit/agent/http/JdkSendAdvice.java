package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code jdk.internal.net.http.HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}: every send and sendAsync. */
final class JdkSendAdvice {

    private JdkSendAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request) {
        return HttpBridge.sending(HttpBridge.JDK_HTTP_CLIENT, client, request, null, null);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.Return Object future, @Advice.Thrown Throwable failure) {
        HttpBridge.sent(HttpBridge.JDK_HTTP_CLIENT, token, future, failure);
    }
}
