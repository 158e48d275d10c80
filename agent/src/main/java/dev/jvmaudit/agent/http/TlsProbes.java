package dev.jvmaudit.agent.http;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Judges trust managers and hostname verifiers by behaviour: each is offered what an honest one must reject, an
 * expired self-signed certificate for {@code probe.jvm-audit.invalid} (shipped with the agent), presented for another
 * host name. Runs the application's code; the callers cache the verdict per class.
 */
final class TlsProbes {

    static final String CERTIFICATE_HOST = "probe.jvm-audit.invalid";
    static final String OTHER_HOST = "other-host.jvm-audit.invalid";

    private static volatile X509Certificate certificate;

    private TlsProbes() {
    }

    static X509Certificate certificate() throws Exception {
        X509Certificate c = certificate;
        if (c == null) {
            try (InputStream in = TlsProbes.class.getResourceAsStream("expired-self-signed.pem")) {
                if (in == null) {
                    throw new IllegalStateException("expired-self-signed.pem missing from the agent jar");
                }
                c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            certificate = c;
        }
        return c;
    }

    /** True when the trust manager accepts the expired self-signed chain as a server's. */
    static boolean acceptsBogusChain(X509TrustManager tm) throws Exception {
        X509Certificate[] chain = {certificate()};
        try {
            tm.checkServerTrusted(chain, "ECDHE_RSA");
            return true;
        } catch (Exception | LinkageError rejected) {
            return false;
        }
    }

    /** True when the verifier accepts a session whose certificate names another host. */
    static boolean acceptsWrongHost(HostnameVerifier verifier) throws Exception {
        SSLSession session = new ProbeSession(certificate(), OTHER_HOST);
        try {
            return verifier.verify(OTHER_HOST, session);
        } catch (Exception | LinkageError rejected) {
            return false;
        }
    }

    /** A finished TLS session with a server at {@code peerHost} that presented {@code certificate}. */
    private static final class ProbeSession implements SSLSession {
        private final X509Certificate certificate;
        private final String peerHost;
        private final long created = System.currentTimeMillis();

        ProbeSession(X509Certificate certificate, String peerHost) {
            this.certificate = certificate;
            this.peerHost = peerHost;
        }

        @Override
        public byte[] getId() {
            return new byte[32];
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return null;
        }

        @Override
        public long getCreationTime() {
            return created;
        }

        @Override
        public long getLastAccessedTime() {
            return created;
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public void putValue(String name, Object value) {
        }

        @Override
        public Object getValue(String name) {
            return null;
        }

        @Override
        public void removeValue(String name) {
        }

        @Override
        public String[] getValueNames() {
            return new String[0];
        }

        @Override
        public Certificate[] getPeerCertificates() {
            return new Certificate[] {certificate};
        }

        @Override
        public Certificate[] getLocalCertificates() {
            return null;
        }

        @Override
        public Principal getPeerPrincipal() {
            return certificate.getSubjectX500Principal();
        }

        @Override
        public Principal getLocalPrincipal() {
            return null;
        }

        @Override
        public String getCipherSuite() {
            return "TLS_AES_128_GCM_SHA256";
        }

        @Override
        public String getProtocol() {
            return "TLSv1.3";
        }

        @Override
        public String getPeerHost() {
            return peerHost;
        }

        @Override
        public int getPeerPort() {
            return 443;
        }

        @Override
        public int getPacketBufferSize() {
            return 16709;
        }

        @Override
        public int getApplicationBufferSize() {
            return 16384;
        }
    }
}
