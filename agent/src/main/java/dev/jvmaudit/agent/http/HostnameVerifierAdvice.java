package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/**
 * Setters whose first argument is a {@code HostnameVerifier}: {@code HttpsURLConnection.setDefaultHostnameVerifier},
 * {@code setHostnameVerifier}, OkHttp's {@code OkHttpClient.Builder.hostnameVerifier}.
 */
final class HostnameVerifierAdvice {

    private HostnameVerifierAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object verifier, @Advice.Origin("#t.#m") String how) {
        HttpBridge.hostnameVerifierInstalled(verifier, how, null);
    }
}
