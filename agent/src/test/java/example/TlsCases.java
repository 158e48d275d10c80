package example;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.BasicHttpClientResponseHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * tls.trust-all and tls.any-hostname: {@code bad KEYSTORE} installs one accepting trust manager or verifier per method
 * (the {@code // installed} line) and uses it against an HTTPS server on 127.0.0.1; {@code good KEYSTORE} does the same
 * with honest ones, and also makes an HTTPS request with each client.
 */
public final class TlsCases {

    static String keyStore;
    static LoopbackServer server;

    public static void main(String[] args) throws Exception {
        keyStore = args[1];
        try (LoopbackServer s = LoopbackServer.https(keyStore)) {
            server = s;
            if (args[0].equals("bad")) {
                trustAllManager();
                apacheTrustAllStrategy();
                defaultHostnameVerifierAcceptsAll();
                connectionHostnameVerifierAcceptsAll();
                okHttpHostnameVerifierAcceptsAll();
                apacheNoopVerifierWithClientPolicy();
                apacheSocketFactoryNoopVerifier();
            } else {
                delegatingTrustManager();
                apacheTrustMaterial();
                defaultHostnameVerifierStrict();
                connectionHostnameVerifierStrict();
                okHttpDefaultVerifier();
                apacheDefaultVerifierWithClientPolicy();
                apacheNoopVerifierWithBuiltinCheck();
                apacheDefaultClient();
            }
        }
        System.out.println("done");
    }

    // ---- bad ----

    static void trustAllManager() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null); // installed
        jdkGet(context);
    }

    static void apacheTrustAllStrategy() throws Exception {
        SSLContext context = SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build(); // installed
        jdkGet(context);
    }

    static void defaultHostnameVerifierAcceptsAll() throws Exception {
        HostnameVerifier original = HttpsURLConnection.getDefaultHostnameVerifier();
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true); // installed
        HttpsURLConnection.setDefaultHostnameVerifier(original);
    }

    static void connectionHostnameVerifierAcceptsAll() throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + server.port() + "/ok").openConnection();
        c.setSSLSocketFactory(honestContext().getSocketFactory());
        c.setHostnameVerifier((host, session) -> true); // installed
        urlGet(c);
    }

    static void okHttpHostnameVerifierAcceptsAll() throws Exception {
        OkHttpClient client = okHttp().hostnameVerifier((host, session) -> true).build(); // installed
        okHttpGet(client);
    }

    static void apacheNoopVerifierWithClientPolicy() throws Exception {
        TlsSocketStrategy tls = (TlsSocketStrategy) ClientTlsStrategyBuilder.create().setSslContext(honestContext()).setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT).setHostnameVerifier(NoopHostnameVerifier.INSTANCE).build(); // installed
        apacheGet(tls);
    }

    @SuppressWarnings("deprecation")
    static void apacheSocketFactoryNoopVerifier() throws Exception {
        SSLConnectionSocketFactory factory = new SSLConnectionSocketFactory(honestContext(), NoopHostnameVerifier.INSTANCE); // installed
        if (factory == null) {
            throw new IllegalStateException();
        }
    }

    // ---- good ----

    static void delegatingTrustManager() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        X509TrustManager real = (X509TrustManager) LoopbackServer.trustFactory(keyStore).getTrustManagers()[0];
        context.init(null, new TrustManager[] {new Delegating(real)}, null);
        jdkGet(context);
    }

    static void apacheTrustMaterial() throws Exception {
        SSLContext context = SSLContextBuilder.create().loadTrustMaterial(new File(keyStore), LoopbackServer.PASSWORD.toCharArray()).build();
        jdkGet(context);
    }

    static void defaultHostnameVerifierStrict() {
        HostnameVerifier original = HttpsURLConnection.getDefaultHostnameVerifier();
        HttpsURLConnection.setDefaultHostnameVerifier(TlsCases::namedInCertificate);
        HttpsURLConnection.setDefaultHostnameVerifier(original);
    }

    static void connectionHostnameVerifierStrict() throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + server.port() + "/ok").openConnection();
        c.setSSLSocketFactory(honestContext().getSocketFactory());
        c.setHostnameVerifier(TlsCases::namedInCertificate);
        urlGet(c);
    }

    static void okHttpDefaultVerifier() throws Exception {
        okHttpGet(okHttp().hostnameVerifier(OkHostnameVerifier.INSTANCE).build());
    }

    static void apacheDefaultVerifierWithClientPolicy() throws Exception {
        TlsSocketStrategy tls = (TlsSocketStrategy) ClientTlsStrategyBuilder.create().setSslContext(honestContext()).setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT).setHostnameVerifier(new DefaultHostnameVerifier()).build();
        apacheGet(tls);
    }

    /** Policy BOTH (the builder's default once a verifier is given): JSSE checks the name whatever the verifier says. */
    static void apacheNoopVerifierWithBuiltinCheck() throws Exception {
        TlsSocketStrategy tls = (TlsSocketStrategy) ClientTlsStrategyBuilder.create().setSslContext(honestContext()).setHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
        apacheGet(tls);
    }

    static void apacheDefaultClient() throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            if (client == null) {
                throw new IllegalStateException();
            }
        }
    }

    // ---- helpers ----

    static SSLContext honestContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, LoopbackServer.trustFactory(keyStore).getTrustManagers(), null);
        return context;
    }

    static void jdkGet(SSLContext context) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/ok"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode());
    }

    static void urlGet(HttpsURLConnection c) throws Exception {
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        check(c.getResponseCode());
        c.getInputStream().readAllBytes();
        c.disconnect();
    }

    static OkHttpClient.Builder okHttp() throws Exception {
        SSLContext context = honestContext();
        X509TrustManager tm = (X509TrustManager) LoopbackServer.trustFactory(keyStore).getTrustManagers()[0];
        return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), tm);
    }

    static void okHttpGet(OkHttpClient client) throws Exception {
        try (Response r = client.newCall(new Request.Builder().url("https://localhost:" + server.port() + "/ok").build()).execute()) {
            check(r.code());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    static void apacheGet(TlsSocketStrategy tls) throws Exception {
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setTlsSocketStrategy(tls).build()).build()) {
            String body = client.execute(new HttpGet("https://localhost:" + server.port() + "/ok"), new BasicHttpClientResponseHandler());
            if (!body.equals("ok")) {
                throw new IllegalStateException(body);
            }
        }
    }

    static boolean namedInCertificate(String host, SSLSession session) {
        try {
            X509Certificate certificate = (X509Certificate) session.getPeerCertificates()[0];
            if (certificate.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> name : certificate.getSubjectAlternativeNames()) {
                if (host.equalsIgnoreCase(String.valueOf(name.get(1)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("unexpected status " + status);
        }
    }

    /** Accepts every chain: the classic "fix" for a certificate error. */
    static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Wraps the real trust manager (to log, to count): rejects what it rejects. */
    static final class Delegating implements X509TrustManager {
        private final X509TrustManager real;

        Delegating(X509TrustManager real) {
            this.real = real;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            real.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            real.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return real.getAcceptedIssuers();
        }
    }

}
