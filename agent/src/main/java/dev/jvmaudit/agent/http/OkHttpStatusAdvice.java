package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code okhttp3.Response.code()}, {@code isSuccessful()}, {@code isRedirect()}. */
final class OkHttpStatusAdvice {

    private OkHttpStatusAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response) {
        HttpBridge.statusRead(HttpBridge.OKHTTP, response);
    }
}
