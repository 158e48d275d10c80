package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code okhttp3.internal.connection.RealCall.execute()} and {@code enqueue(Callback)}. */
final class OkHttpCallAdvice {

    private OkHttpCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object call) {
        HttpBridge.sending(HttpBridge.OKHTTP, null, call, null, null);
    }
}
