package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * {@code jdk.internal.net.http.HttpClientImpl.send(request, handler)}, which calls {@code sendAsync} and waits: the
 * response it returns is handed over here, on the caller's thread, with no completion stage on its future.
 */
final class JdkSyncSendAdvice {

    private JdkSyncSendAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        HttpBridge.jdkSendStarting();
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Return Object response) {
        HttpBridge.jdkSendReturned(response);
    }
}
