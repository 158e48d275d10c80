package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * {@code jdk.internal.net.http.HttpClientImpl.send(request, handler)}, which calls {@code sendAsync} and waits: the
 * exchange starts here, and the response it returns is handed over here, on the caller's thread, with no completion
 * stage on its future.
 */
final class JdkSyncSendAdvice {

    private JdkSyncSendAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request) {
        return HttpBridge.jdkSendStarting(client, request);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.Return Object response) {
        HttpBridge.jdkSendReturned(token, response);
    }
}
