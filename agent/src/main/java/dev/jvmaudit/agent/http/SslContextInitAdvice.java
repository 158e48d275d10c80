package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code javax.net.ssl.SSLContext.init(KeyManager[], TrustManager[], SecureRandom)}. */
final class SslContextInitAdvice {

    private SslContextInitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) Object trustManagers) {
        HttpBridge.sslContextInit(trustManagers);
    }
}
