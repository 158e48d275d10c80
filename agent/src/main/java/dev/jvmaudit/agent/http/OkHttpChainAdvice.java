package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code RealCall.getResponseWithInterceptorChain}: the response the application gets, after retries and redirects. */
final class OkHttpChainAdvice {

    private OkHttpChainAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object call, @Advice.Return Object response) {
        HttpBridge.received(HttpBridge.OKHTTP, call, response);
    }
}
