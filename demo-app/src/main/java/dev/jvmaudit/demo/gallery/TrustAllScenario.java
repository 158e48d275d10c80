package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** tls.trust-all: "the internal CA is not in the trust store" fixed by trusting every certificate. */
final class TrustAllScenario implements Scenario {

    @Override
    public String rule() {
        return "tls.trust-all";
    }

    @Override
    public String story() {
        return "initialises an SSLContext with a trust manager that accepts any certificate chain";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new AcceptEveryCertificate()}, null);
        ConsoleLog.info("SSLContext %s ready, trusting every certificate", tls.getProtocol());
    }

    /** The fix: the platform's trust store (add the internal CA to it, or to a trust store of its own). */
    @Override
    public void twin(GalleryContext context) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init((KeyStore) null);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        ConsoleLog.info("SSLContext %s ready, trusting the platform's CAs", tls.getProtocol());
    }

    /** The copy-pasted trust manager that checks nothing. */
    private static final class AcceptEveryCertificate implements X509TrustManager {
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
}
