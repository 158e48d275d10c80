package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/**
 * Setters whose first argument is a {@code HostnameVerifier}: {@code HttpsURLConnection.setDefaultHostnameVerifier},
 * {@code setHostnameVerifier}, OkHttp's {@code OkHttpClient.Builder.hostnameVerifier}.
 */
final class HostnameVerifierAdvice {

    private HostnameVerifierAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object verifier, @Advice.Origin String how) {
        HttpBridge.hostnameVerifierInstalled(verifier, how, null);
    }
}
