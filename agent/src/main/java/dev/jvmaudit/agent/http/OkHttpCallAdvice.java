package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code okhttp3.internal.connection.RealCall.execute()} and {@code enqueue(Callback)}. */
final class OkHttpCallAdvice {

    private OkHttpCallAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object call) {
        HttpBridge.sending(HttpBridge.OKHTTP, null, call, null, null);
    }
}
