package dev.jvmaudit.demo.gallery;

import dev.jvmaudit.demo.ConsoleLog;

import java.net.URI;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;

/** tls.any-hostname: a JVM-wide hostname verifier that says yes to every name, installed "just for this call". */
final class AnyHostnameScenario implements Scenario {

    static final URI BILLING = URI.create("https://billing.internal.example/api/invoices");

    @Override
    public String rule() {
        return "tls.any-hostname";
    }

    @Override
    public String story() {
        return "installs HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true), then restores it";
    }

    @Override
    public void bad(GalleryContext context) throws Exception {
        HostnameVerifier previous = HttpsURLConnection.getDefaultHostnameVerifier();
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        try {
            prepare();
        } finally {
            HttpsURLConnection.setDefaultHostnameVerifier(previous);
        }
    }

    /** The fix: keep the default verification (give the service a certificate that names it). */
    @Override
    public void twin(GalleryContext context) throws Exception {
        prepare();
    }

    /** Opening a connection object neither resolves the host nor connects. */
    private static void prepare() throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) BILLING.toURL().openConnection();
        ConsoleLog.info("prepared %s with hostname verifier %s", BILLING,
                connection.getHostnameVerifier().getClass().getName());
    }
}
