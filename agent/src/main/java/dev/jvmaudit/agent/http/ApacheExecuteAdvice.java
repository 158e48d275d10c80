package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.Advice;
import dev.jvmaudit.bootstrap.HttpBridge;

/** {@code InternalHttpClient/MinimalHttpClient.doExecute(target, request, context)}: every classic execute form. */
final class ApacheExecuteAdvice {

    private ApacheExecuteAdvice() {
    }

    @Advice.OnMethodEnter
    static Object enter(@Advice.This Object client, @Advice.Argument(0) Object target, @Advice.Argument(1) Object request,
                        @Advice.Argument(2) Object context) {
        return HttpBridge.sending(HttpBridge.APACHE_HC5, client, request, target, context);
    }

    @Advice.OnMethodExit(onThrowable = true)
    static void exit(@Advice.Enter Object token, @Advice.Return Object response, @Advice.Thrown Throwable failure) {
        HttpBridge.sent(HttpBridge.APACHE_HC5, token, response, failure);
    }
}
