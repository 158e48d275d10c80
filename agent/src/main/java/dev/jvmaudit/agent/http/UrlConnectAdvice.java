package dev.jvmaudit.agent.http;

import dev.jvmaudit.bootstrap.HttpBridge;
import net.bytebuddy.asm.Advice;

/** {@code sun.net.www.protocol.http.HttpURLConnection.plainConnect0()}: HTTP and HTTPS connections open here. */
final class UrlConnectAdvice {

    private UrlConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object connection, @Advice.FieldValue("connectTimeout") int connectTimeout,
                      @Advice.FieldValue("readTimeout") int readTimeout) {
        HttpBridge.urlConnecting(connection, connectTimeout, readTimeout);
    }
}
