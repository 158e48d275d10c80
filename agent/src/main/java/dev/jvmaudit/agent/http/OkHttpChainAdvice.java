package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code RealCall.getResponseWithInterceptorChain}: the response the application gets, after retries and redirects. */
final class OkHttpChainAdvice {

    private OkHttpChainAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object call, @Advice.Return Object response) {
        HttpBridge.received(HttpBridge.OKHTTP, call, response);
    }
}
