package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code okhttp3.Response.code()}, {@code isSuccessful()}, {@code isRedirect()}. */
final class OkHttpStatusAdvice {

    private OkHttpStatusAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object response) {
        HttpBridge.statusRead(HttpBridge.OKHTTP, response);
    }
}
