package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.BuiltOnFirstCall;
import dev.jvmaudit.agent.Family;
import dev.jvmaudit.agent.Hook;
import dev.jvmaudit.agent.TaggedCall;
import dev.jvmaudit.bootstrap.HttpBridge;

import java.util.List;

import static dev.jvmaudit.agent.Methods.constructor;
import static dev.jvmaudit.agent.Methods.method;

/**
 * Every method through which the application sends an HTTP request, reads a response's status, or installs a trust
 * manager or a hostname verifier. Library classes are matched by name: their hooks apply only when the library is
 * loaded, by whatever class loader.
 *
 * <pre>
 * jdk.internal.net.http.HttpClientImpl.sendAsync(req, handler, push, executor)  HttpClient.sendAsync (all forms)
 * jdk.internal.net.http.HttpClientImpl.send(req, handler)                      HttpClient.send, the response it returns
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

    private volatile FirstCall firstCall;

    @Override
    public String name() {
        return "http";
    }

    /** java.net.http's sends: their sites are tagged, not captured (the status rule needs one for every send). */
    @Override
    public List<TaggedCall> taggedCalls() {
        return List.of(new TaggedCall("java.net.http.HttpClient", method("send", "sendAsync"), "http"));
    }

    @Override
    public List<Hook> hooks() {
        return List.of(
                new Hook("jdk.internal.net.http.HttpClientImpl", method("sendAsync").arity(4), "http.JdkSendAdvice"),
                new Hook("jdk.internal.net.http.HttpClientImpl", method("send").arity(2), "http.JdkSyncSendAdvice"),
                new Hook("jdk.internal.net.http.HttpResponseImpl", method("statusCode").arity(0), "http.JdkStatusAdvice"),
                new Hook("jdk.internal.net.http.ResponseInfoImpl", method("statusCode").arity(0), "http.JdkResponseInfoStatusAdvice"),
                new Hook("sun.net.www.protocol.http.HttpURLConnection", method("plainConnect0").arity(0), "http.UrlConnectAdvice"),
                new Hook(HC5_CLASSIC + "InternalHttpClient", method("doExecute").arity(3), "http.ApacheExecuteAdvice"),
                new Hook(HC5_CLASSIC + "MinimalHttpClient", method("doExecute").arity(3), "http.ApacheExecuteAdvice"),
                new Hook(HC5_CLASSIC + "CloseableHttpResponse", method("getCode").arity(0), "http.ApacheStatusAdvice"),
                new Hook("org.apache.hc.client5.http.ssl.AbstractClientTlsStrategy", constructor().arity(6),
                        "http.ApacheTlsStrategyAdvice"),
                new Hook("org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory",
                        constructor().arity(4).parameter(0, "javax.net.ssl.SSLSocketFactory"), "http.ApacheSocketFactoryAdvice"),
                new Hook(OKHTTP_CALL, method("execute", "enqueue"), "http.OkHttpCallAdvice"),
                new Hook(OKHTTP_CALL, method("getResponseWithInterceptorChain$okhttp").arity(0), "http.OkHttpChainAdvice"),
                new Hook("okhttp3.Response", method("code", "isSuccessful", "isRedirect").arity(0), "http.OkHttpStatusAdvice"),
                new Hook("okhttp3.OkHttpClient$Builder", method("hostnameVerifier").arity(1), "http.HostnameVerifierAdvice"),
                new Hook("javax.net.ssl.SSLContext", method("init").arity(3), "http.SslContextInitAdvice"),
                new Hook("javax.net.ssl.HttpsURLConnection", method("setDefaultHostnameVerifier", "setHostnameVerifier").arity(1),
                        "http.HostnameVerifierAdvice"));
    }

    @Override
    public void start(AgentContext context) {
        FirstCall first = new FirstCall(context);
        firstCall = first;
        HttpBridge.hooks = first;
    }

    /** Responses still unjudged when the application ends: their status was never read. */
    @Override
    public void atExit() {
        FirstCall first = firstCall;
        HttpRules r = first == null ? null : first.built();
        if (r != null) {
            r.status().judgeRemaining();
        }
    }

    @Override
    public void stop() {
        FirstCall first = firstCall;
        HttpRules r = first == null ? null : first.built();
        if (first != null) {
            first.stop();
        }
        HttpBridge.hooks = null;
        if (r != null) {
            r.status().stop();
        }
    }

    /** Builds the rules at the first hooked HTTP or TLS call. */
    private static final class FirstCall extends BuiltOnFirstCall<HttpRules> implements HttpBridge.Hooks {
        private final AgentContext context;

        FirstCall(AgentContext context) {
            this.context = context;
        }

        @Override
        protected HttpRules build() {
            HttpRules built = new HttpRules(context);
            HttpBridge.hooks = built;
            return built;
        }

        @Override
        public Object sending(int client, Object httpClient, Object request, Object target, Object callContext, String site) {
            HttpRules r = rules();
            return r == null ? null : r.sending(client, httpClient, request, target, callContext, site);
        }

        @Override
        public void sent(int client, Object token, Object result) {
            HttpRules r = rules();
            if (r != null) {
                r.sent(client, token, result);
            }
        }

        @Override
        public void jdkSendReturned(Object token, Object response) {
            HttpRules r = rules();
            if (r != null) {
                r.jdkSendReturned(token, response);
            }
        }

        @Override
        public void received(int client, Object call, Object response) {
            HttpRules r = rules();
            if (r != null) {
                r.received(client, call, response);
            }
        }

        @Override
        public void statusRead(int client, Object key) {
            HttpRules r = rules();
            if (r != null) {
                r.statusRead(client, key);
            }
        }

        @Override
        public void urlConnecting(Object connection, int connectTimeout, int readTimeout) {
            HttpRules r = rules();
            if (r != null) {
                r.urlConnecting(connection, connectTimeout, readTimeout);
            }
        }

        @Override
        public void sslContextInit(Object trustManagers) {
            HttpRules r = rules();
            if (r != null) {
                r.sslContextInit(trustManagers);
            }
        }

        @Override
        public void hostnameVerifierInstalled(Object verifier, String how, Object policy) {
            HttpRules r = rules();
            if (r != null) {
                r.hostnameVerifierInstalled(verifier, how, policy);
            }
        }
    }
}
