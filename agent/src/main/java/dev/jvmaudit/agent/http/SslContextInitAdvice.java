package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code javax.net.ssl.SSLContext.init(KeyManager[], TrustManager[], SecureRandom)}. */
final class SslContextInitAdvice {

    private SslContextInitAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(1) Object trustManagers) {
        HttpBridge.sslContextInit(trustManagers);
    }
}
