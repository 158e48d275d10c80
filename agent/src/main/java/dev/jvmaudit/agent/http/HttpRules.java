package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.AgentContext;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Finding;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.agent.report.Rule;
import dev.jvmaudit.bootstrap.Guard;
import dev.jvmaudit.bootstrap.HttpBridge;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The agent side of {@link HttpBridge}: http.cleartext and http.no-timeout when a request is sent,
 * http.unchecked-status through {@link StatusTracker}, tls.trust-all and tls.any-hostname when a trust manager or a
 * hostname verifier is installed. A request costs one stack walk (its call site) and a few cached lookups; an
 * HttpURLConnection is walked only when a rule fires for it.
 */
final class HttpRules implements HttpBridge.Hooks {

    static final String JDK = "java.net.http";
    static final String APACHE = "Apache HttpClient 5";
    static final String OKHTTP = "OkHttp";
    static final String URL_CONNECTION = "HttpURLConnection";

    /** HC5 defaults (3 minutes) when a config does not say. */
    private static final long HC5_DEFAULT_MILLIS = 180_000;

    private final AgentContext context;
    private final Reporter reporter;
    private final StatusTracker status;
    /** OkHttp calls sent, until their response comes out of the interceptor chain (enqueue: on another thread). */
    private final WeakIdentityMap<Exchange> okHttpCalls = new WeakIdentityMap<>();
    /** HttpURLConnections a rule fired for: a redirect or retry connects the same object again. */
    private final WeakIdentityMap<Boolean> urlConnections = new WeakIdentityMap<>();
    private final TlsVerdicts tls = new TlsVerdicts();
    HttpRules(AgentContext context) {
        this.context = context;
        this.reporter = context.reporter();
        this.status = new StatusTracker(reporter);
    }

    StatusTracker status() {
        return status;
    }

    // ---- sending --------------------------------------------------------------------------------------------

    @Override
    public Object sending(int client, Object httpClient, Object request, Object target, Object ctx, String site) {
        context.checkTestFault("http");
        return switch (client) {
            case HttpBridge.JDK_HTTP_CLIENT -> jdkSending((HttpClient) httpClient, (HttpRequest) request, site);
            case HttpBridge.APACHE_HC5 -> apacheSending(httpClient, request, target, ctx);
            case HttpBridge.OKHTTP -> okHttpSending(request);
            default -> null;
        };
    }

    /** {@code site}: the tag of the application's {@code send}/{@code sendAsync} call, or null. */
    private Exchange jdkSending(HttpClient client, HttpRequest request, String site) {
        Exchange ex = exchange(JDK, request.method(), request.uri().toString(), site);
        if (ex == null) {
            return null;
        }
        cleartext(ex);
        // the request timeout bounds the whole exchange, connecting included; a connect timeout alone bounds nothing after
        if (request.timeout().isEmpty()) {
            noTimeout(ex, client.connectTimeout().isPresent() ? "read" : "connect,read",
                    "set HttpRequest.Builder.timeout(...) (the response timeout; connectTimeout alone does not bound the wait)");
        }
        return ex;
    }

    private Exchange apacheSending(Object client, Object request, Object target, Object ctx) {
        String url;
        if (target != null) {
            url = Reflect.call(target, "toURI") + String.valueOf(Reflect.call(request, "getRequestUri"));
        } else {
            url = String.valueOf(Reflect.call(request, "getUri"));
        }
        Exchange ex = exchange(APACHE, String.valueOf(Reflect.call(request, "getMethod")), url, null);
        if (ex == null) {
            return null;
        }
        cleartext(ex);
        try {
            apacheTimeouts(ex, client, request, target, ctx);
        } catch (RuntimeException | ReflectiveOperationException e) {
            reporter.agentError("http", e);
        }
        return ex;
    }

    /**
     * HC5's precedence: connect = RequestConfig.connectTimeout, else ConnectionConfig.connectTimeout; read =
     * RequestConfig.responseTimeout, else ConnectionConfig.socketTimeout, else SocketConfig.soTimeout; defaults 3 min.
     */
    private void apacheTimeouts(Exchange ex, Object client, Object request, Object target, Object ctx)
            throws ReflectiveOperationException {
        Object requestConfig = null;
        if (Reflect.has(request, "getConfig", 0)) {
            requestConfig = Reflect.call(request, "getConfig");
        }
        if (requestConfig == null && ctx != null) {
            if (Reflect.has(ctx, "getRequestConfigOrDefault", 0)) {
                requestConfig = Reflect.call(ctx, "getRequestConfig");
            } else if (Reflect.has(ctx, "getAttribute", 1)) {
                requestConfig = Reflect.call(ctx, "getAttribute", "http.request-config");
            }
        }
        if (requestConfig == null && Reflect.has(client, "getConfig", 0)) {
            requestConfig = Reflect.call(client, "getConfig");
        }
        Object connectionConfig = null;
        Object socketConfig = null;
        Object manager = Reflect.field(client, "connManager");
        if (manager != null && Reflect.has(manager, "getConnectionConfig", 0)) {
            connectionConfig = Reflect.call(manager, "getConnectionConfig");
            socketConfig = Reflect.call(manager, "getSocketConfig");
        } else if (manager != null) {
            Object connectionResolver = Reflect.field(manager, "connectionConfigResolver");
            Object socketResolver = Reflect.field(manager, "socketConfigResolver");
            if (connectionResolver != null || socketResolver != null) {
                Object route = route(request, target);
                connectionConfig = Reflect.call(connectionResolver, "resolve", route);
                socketConfig = Reflect.call(socketResolver, "resolve", route);
            }
        }
        long connect = firstMillis(Reflect.call(requestConfig, "getConnectTimeout"),
                Reflect.call(connectionConfig, "getConnectTimeout"));
        long read = firstMillis(Reflect.call(requestConfig, "getResponseTimeout"),
                Reflect.call(connectionConfig, "getSocketTimeout"), Reflect.call(socketConfig, "getSoTimeout"));
        String missing = missing(infinite(connect), infinite(read));
        if (missing != null) {
            noTimeout(ex, missing, "set finite timeouts: ConnectionConfig.setConnectTimeout, RequestConfig.setResponseTimeout"
                    + " or ConnectionConfig/SocketConfig socket timeouts (0 means wait forever)");
        }
    }

    /** The route the pool resolves its configs for: {@code new HttpRoute(target)}, built without any lookup. */
    private static Object route(Object request, Object target) throws ReflectiveOperationException {
        Class<?> hostType = Reflect.classNamed("org.apache.hc.core5.http.HttpHost", request);
        Object host = target;
        if (host == null) {
            host = hostType.getMethod("create", URI.class).invoke(null, Reflect.call(request, "getUri"));
        }
        return Reflect.classNamed("org.apache.hc.client5.http.HttpRoute", request).getConstructor(hostType).newInstance(host);
    }

    /** The first non-null HC5 {@code Timeout} in milliseconds; HC5's 3-minute default when none is set. */
    private static long firstMillis(Object... timeouts) {
        for (Object t : timeouts) {
            if (t != null) {
                Object millis = Reflect.call(t, "toMilliseconds");
                if (millis instanceof Long m) {
                    return m;
                }
            }
        }
        return HC5_DEFAULT_MILLIS;
    }

    private static boolean infinite(long millis) {
        return millis <= 0 || millis >= Integer.MAX_VALUE;
    }

    private Exchange okHttpSending(Object call) {
        Object request = Reflect.call(call, "request");
        Exchange ex = exchange(OKHTTP, String.valueOf(Reflect.call(request, "method")),
                String.valueOf(Reflect.call(request, "url")), null);
        if (ex == null) {
            return null;
        }
        okHttpCalls.add(call, ex);
        cleartext(ex);
        Object client = Reflect.call(call, "getClient");
        Object callTimeout = Reflect.call(Reflect.call(call, "timeout"), "timeoutNanos");
        boolean bounded = callTimeout instanceof Long nanos && nanos > 0;
        if (!bounded && client != null) {
            String missing = missing(Integer.valueOf(0).equals(Reflect.call(client, "connectTimeoutMillis")),
                    Integer.valueOf(0).equals(Reflect.call(client, "readTimeoutMillis")));
            if (missing != null) {
                noTimeout(ex, missing, "keep OkHttp's 10 s defaults (0 means wait forever) or set a callTimeout");
            }
        }
        return null;
    }

    /**
     * java.net.http's {@code sendAsync}: a future of the response, handed over by a completion stage (a synchronous
     * {@code send}'s is handed over as {@code send} returns it: {@link #jdkSendReturned}); HC5: the response.
     */
    @Override
    public void sent(int client, Object token, Object result) {
        context.checkTestFault("http");
        Exchange ex = (Exchange) token;
        if (client == HttpBridge.JDK_HTTP_CLIENT && result instanceof CompletableFuture<?> future) {
            future.whenComplete((response, failure) -> {
                if (response instanceof HttpResponse<?> r) {
                    jdkHandedOver(ex, r);
                }
            });
        } else if (client == HttpBridge.APACHE_HC5 && result != null) {
            Object code = Reflect.call(result, "getCode");
            status.handedOver(result, null, ex, code instanceof Integer c ? c : 0);
        }
    }

    @Override
    public void jdkSendReturned(Object token, Object response) {
        context.checkTestFault("http");
        if (response instanceof HttpResponse<?> r) {
            status.returned(r, r.headers(), (Exchange) token, r.statusCode());
        }
    }

    private void jdkHandedOver(Exchange ex, HttpResponse<?> response) {
        boolean entered = Guard.enter();
        try {
            status.handedOver(response, response.headers(), ex, response.statusCode());
        } catch (Throwable t) {
            reporter.agentError("http", t);
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }

    @Override
    public void received(int client, Object call, Object response) {
        context.checkTestFault("http");
        Exchange ex = okHttpCalls.get(call);
        if (ex != null) {
            Object code = Reflect.call(response, "code");
            status.handedOver(response, null, ex, code instanceof Integer c ? c : 0);
        }
    }

    @Override
    public void statusRead(int client, Object key) {
        context.checkTestFault("http");
        status.statusRead(key, client == HttpBridge.JDK_HTTP_CLIENT);
    }

    /** Walks the stack only when a rule fires: a connection made with timeouts, or to loopback, costs a few field reads. */
    @Override
    public void urlConnecting(Object connection, int connectTimeout, int readTimeout) {
        context.checkTestFault("http");
        if (!(connection instanceof java.net.HttpURLConnection c)) {
            return;
        }
        URL url = c.getURL();
        String rawUrl = "http".equals(url.getProtocol()) ? url.toString() : null;
        boolean cleartext = rawUrl != null && reporter.enabled(Rule.HTTP_CLEARTEXT) && !Loopback.isLoopbackUrl(rawUrl);
        String missing = reporter.enabled(Rule.HTTP_NO_TIMEOUT)
                ? missing(infinite(connectTimeout, "sun.net.client.defaultConnectTimeout"),
                        infinite(readTimeout, "sun.net.client.defaultReadTimeout"))
                : null;
        if (!cleartext && missing == null || !urlConnections.add(connection, Boolean.TRUE)) {
            return;
        }
        Exchange ex = exchange(URL_CONNECTION, c.getRequestMethod(), rawUrl != null ? rawUrl : url.toString(), null);
        if (ex == null) {
            return;
        }
        cleartext(ex);
        if (missing != null) {
            noTimeout(ex, missing, "call setConnectTimeout and setReadTimeout with non-zero values");
        }
    }

    /** A timeout set on the connection (-1: never set, then the JDK-wide property; 0: infinite). */
    private static boolean infinite(int timeout, String property) {
        if (timeout > 0) {
            return false;
        }
        if (timeout == 0) {
            return true;
        }
        Integer fallback = Integer.getInteger(property, 0);
        return fallback == null || fallback <= 0;
    }

    // ---- the request rules ------------------------------------------------------------------------------------

    /**
     * Takes the call site the application's call was tagged with ({@code tag}), else captures the stack once; null when
     * no application frame sent it (the JDK or a library acting alone), or, when the capture learns that only if a
     * finding names it, a site that resolves to null and reports nothing. The URL is redacted only when a finding is
     * reported.
     */
    private static Exchange exchange(String client, String method, String rawUrl, String tag) {
        CallSites.Capture site = CallSites.captureLazily(tag);
        if (site == null) {
            return null;
        }
        return new Exchange(client, method, rawUrl, site, Thread.currentThread().getName());
    }

    private void cleartext(Exchange ex) {
        if (!reporter.enabled(Rule.HTTP_CLEARTEXT) || !ex.isCleartext() || ex.isLoopback()) {
            return;
        }
        Map<String, Object> facts = facts(ex);
        String message = ex.method() + " " + ex.url() + " goes over cleartext http:// to " + ex.host()
                + ", which is not loopback: anyone on the path can read and change it (a proxy does not help); use https://.";
        reporter.report(new Finding(Rule.HTTP_CLEARTEXT, ex.callSite(), ex.thread(), message, ex.host(), facts));
    }

    private void noTimeout(Exchange ex, String missing, String fix) {
        if (!reporter.enabled(Rule.HTTP_NO_TIMEOUT)) {
            return;
        }
        Map<String, Object> facts = facts(ex);
        facts.put("timeout", missing);
        String what = missing.equals("connect,read") ? "no connect and no read timeout" : "no " + missing + " timeout";
        String message = ex.method() + " " + ex.url() + " is sent with " + what + " (" + ex.client()
                + "): an unresponsive server blocks this thread forever; " + fix + ".";
        reporter.report(new Finding(Rule.HTTP_NO_TIMEOUT, ex.callSite(), ex.thread(), message, ex.host(), facts));
    }

    private static String missing(boolean connect, boolean read) {
        if (connect && read) {
            return "connect,read";
        }
        return connect ? "connect" : read ? "read" : null;
    }

    private static Map<String, Object> facts(Exchange ex) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", ex.url());
        facts.put("method", ex.method());
        facts.put("client", ex.client());
        return facts;
    }

    // ---- TLS --------------------------------------------------------------------------------------------------

    @Override
    public void sslContextInit(Object trustManagers) {
        context.checkTestFault("http");
        if (!reporter.enabled(Rule.TLS_TRUST_ALL) || !(trustManagers instanceof TrustManager[] tms)) {
            return;
        }
        for (TrustManager tm : tms) {
            if (tm instanceof X509TrustManager x509 && !isJdkClass(tm.getClass()) && tls.acceptsBogusChain(x509)) {
                String type = className(tm.getClass());
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("trustManager", type);
                String message = "SSLContext.init is given a trust manager (" + type + ") that accepts an expired"
                        + " self-signed certificate: every TLS connection made with this context can be intercepted;"
                        + " use the default trust managers, or a TrustManagerFactory over your own CA.";
                reporter.report(Rule.TLS_TRUST_ALL, message, type, facts);
                return;
            }
        }
    }

    @Override
    public void hostnameVerifierInstalled(Object verifier, String how, Object policy) {
        context.checkTestFault("http");
        if (!reporter.enabled(Rule.TLS_ANY_HOSTNAME) || !(verifier instanceof HostnameVerifier v)) {
            return;
        }
        // HC5 policies BUILTIN and BOTH (and the defaults) let JSSE check the host name whatever the verifier says
        if (policy != null && !"CLIENT".equals(String.valueOf(policy))) {
            return;
        }
        if (isJdkClass(v.getClass()) || !tls.acceptsWrongHost(v)) {
            return;
        }
        String type = className(v.getClass());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("verifier", type);
        facts.put("installedBy", how);
        String message = "A HostnameVerifier (" + type + ", through " + how + ") accepts a certificate for another host:"
                + " any valid certificate for any name is then good enough to impersonate the server; remove it and"
                + " keep the client's default verification.";
        reporter.report(Rule.TLS_ANY_HOSTNAME, message, type, facts);
    }

    private static boolean isJdkClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** The class name without a hidden class's {@code /0x...} suffix. */
    static String className(Class<?> type) {
        String name = type.getName();
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** Verdicts cached per class (per object for library wrappers that delegate to an application strategy). */
    private static final class TlsVerdicts {
        private final WeakIdentityMap<Boolean> trustByClass = new WeakIdentityMap<>();
        private final WeakIdentityMap<Boolean> trustByInstance = new WeakIdentityMap<>();
        private final WeakIdentityMap<Boolean> hostnamesByClass = new WeakIdentityMap<>();

        boolean acceptsBogusChain(X509TrustManager tm) {
            if (isDelegatingWrapper(tm.getClass())) {
                return trustByInstance.computeIfAbsent(tm, () -> probe(tm));
            }
            return trustByClass.computeIfAbsent(tm.getClass(), () -> probe(tm));
        }

        boolean acceptsWrongHost(HostnameVerifier verifier) {
            return hostnamesByClass.computeIfAbsent(verifier.getClass(), () -> {
                try {
                    return TlsProbes.acceptsWrongHost(verifier);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        private static boolean probe(X509TrustManager tm) {
            try {
                return TlsProbes.acceptsBogusChain(tm);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Library trust managers that wrap an application's trust strategy (HC5's SSLContextBuilder). */
        private static boolean isDelegatingWrapper(Class<?> type) {
            String name = type.getName();
            return name.startsWith("org.apache.hc.") || name.startsWith("okhttp3.");
        }
    }
}
