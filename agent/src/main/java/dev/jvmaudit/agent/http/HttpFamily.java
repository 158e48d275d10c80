package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.bootstrap.HttpBridge;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Every method through which the application sends an HTTP request, reads a response's status, or installs a trust
 * manager or a hostname verifier. Library classes are matched by name: their hooks apply only when the library is
 * loaded, by whatever class loader.
 *
 * <pre>
 * jdk.internal.net.http.HttpClientImpl.sendAsync(req, handler, push, executor)  HttpClient.send / sendAsync (all forms)
 * jdk.internal.net.http.HttpResponseImpl.statusCode()                           HttpResponse.statusCode()
 * jdk.internal.net.http.ResponseInfoImpl.statusCode()                           ResponseInfo.statusCode() in a BodyHandler
 * sun.net.www.protocol.http.HttpURLConnection.plainConnect0()                   HttpURLConnection / HttpsURLConnection connects
 * org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute          CloseableHttpClient.execute / executeOpen (all forms)
 * org.apache.hc.client5.http.impl.classic.MinimalHttpClient.doExecute           the same for HttpClients.createMinimal()
 * org.apache.hc.client5.http.impl.classic.CloseableHttpResponse.getCode()       HC5 status reads (StatusLine and handlers too)
 * org.apache.hc.client5.http.ssl.AbstractClientTlsStrategy.&lt;init&gt;(6 args)        HC5 TLS strategies (verifier + policy)
 * org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory.&lt;init&gt;(4 args)      older HC5 TLS socket factories
 * okhttp3.internal.connection.RealCall.execute() / enqueue(Callback)            OkHttp calls
 * okhttp3.internal.connection.RealCall.getResponseWithInterceptorChain          the response the application gets
 * okhttp3.Response.code() / isSuccessful() / isRedirect()                        OkHttp status reads
 * okhttp3.OkHttpClient$Builder.hostnameVerifier(HostnameVerifier)
 * javax.net.ssl.SSLContext.init(KeyManager[], TrustManager[], SecureRandom)      trust managers, every client
 * javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier / setHostnameVerifier
 * </pre>
 */
public final class HttpFamily implements Family {

    private static final String HC5_CLASSIC = "org.apache.hc.client5.http.impl.classic.";
    private static final String OKHTTP_CALL = "okhttp3.internal.connection.RealCall";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("jdk.internal.net.http.HttpClientImpl", () -> named("sendAsync").and(takesArguments(4)), JdkSendAdvice.class),
                new Hook("jdk.internal.net.http.HttpResponseImpl", () -> named("statusCode").and(takesArguments(0)), JdkStatusAdvice.class),
                new Hook("jdk.internal.net.http.ResponseInfoImpl", () -> named("statusCode").and(takesArguments(0)), JdkStatusAdvice.class),
                new Hook("sun.net.www.protocol.http.HttpURLConnection", () -> named("plainConnect0").and(takesArguments(0)),
                        UrlConnectAdvice.class),
                new Hook(HC5_CLASSIC + "InternalHttpClient", () -> named("doExecute").and(takesArguments(3)), ApacheExecuteAdvice.class),
                new Hook(HC5_CLASSIC + "MinimalHttpClient", () -> named("doExecute").and(takesArguments(3)), ApacheExecuteAdvice.class),
                new Hook(HC5_CLASSIC + "CloseableHttpResponse", () -> named("getCode").and(takesArguments(0)), ApacheStatusAdvice.class),
                new Hook("org.apache.hc.client5.http.ssl.AbstractClientTlsStrategy", () -> isConstructor().and(takesArguments(6)),
                        ApacheTlsStrategyAdvice.class),
                new Hook("org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory", () -> isConstructor().and(takesArguments(4))
                        .and(takesArgument(0, named("javax.net.ssl.SSLSocketFactory"))), ApacheSocketFactoryAdvice.class),
                new Hook(OKHTTP_CALL, () -> namedOneOf("execute", "enqueue"), OkHttpCallAdvice.class),
                new Hook(OKHTTP_CALL, () -> named("getResponseWithInterceptorChain$okhttp").and(takesArguments(0)), OkHttpChainAdvice.class),
                new Hook("okhttp3.Response", () -> namedOneOf("code", "isSuccessful", "isRedirect").and(takesArguments(0)),
                        OkHttpStatusAdvice.class),
                new Hook("okhttp3.OkHttpClient$Builder", () -> named("hostnameVerifier").and(takesArguments(1)), HostnameVerifierAdvice.class),
                new Hook("javax.net.ssl.SSLContext", () -> named("init").and(takesArguments(3)), SslContextInitAdvice.class),
                new Hook("javax.net.ssl.HttpsURLConnection",
                        () -> namedOneOf("setDefaultHostnameVerifier", "setHostnameVerifier").and(takesArguments(1)),
                        HostnameVerifierAdvice.class));
    }

    @Override
    public void start(AgentContext context) {
        HttpRules rules = new HttpRules(context);
        context.endOfRun().add("http", rules.status()::judgeRemaining);
        HttpBridge.hooks = rules;
    }

    @Override
    public void stop() {
        HttpBridge.hooks = null;
    }
}
