package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code sun.net.www.protocol.http.HttpURLConnection.plainConnect0()}: HTTP and HTTPS connections open here. */
final class UrlConnectAdvice {

    private UrlConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object connection, @Advice.FieldValue("connectTimeout") int connectTimeout,
                      @Advice.FieldValue("readTimeout") int readTimeout) {
        HttpBridge.urlConnecting(connection, connectTimeout, readTimeout);
    }
}
