package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code SSLConnectionSocketFactory(SSLSocketFactory, String[], String[], HostnameVerifier)}: every older HC5 TLS factory. */
final class ApacheSocketFactoryAdvice {

    private ApacheSocketFactoryAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(3) Object verifier) {
        HttpBridge.hostnameVerifierInstalled(verifier, "SSLConnectionSocketFactory", null);
    }
}
