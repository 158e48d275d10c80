package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * {@code AbstractClientTlsStrategy(SSLContext, String[], String[], SSLBufferMode, HostnameVerificationPolicy,
 * HostnameVerifier)}: every HC5 TLS strategy; the verifier only decides when the policy leaves it to the client.
 */
final class ApacheTlsStrategyAdvice {

    private ApacheTlsStrategyAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(4) Object policy, @Advice.Argument(5) Object verifier) {
        HttpBridge.hostnameVerifierInstalled(verifier, "ClientTlsStrategy", policy == null ? "DEFAULT" : policy);
    }
}
