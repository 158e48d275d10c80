package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code SSLConnectionSocketFactory(SSLSocketFactory, String[], String[], HostnameVerifier)}: every older HC5 TLS factory. */
final class ApacheSocketFactoryAdvice {

    private ApacheSocketFactoryAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(3) Object verifier) {
        HttpBridge.hostnameVerifierInstalled(verifier, "SSLConnectionSocketFactory", null);
    }
}
