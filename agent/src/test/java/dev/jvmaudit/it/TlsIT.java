package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.TlsCases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tls.trust-all and tls.any-hostname, judged by behaviour, against an HTTPS server on 127.0.0.1. */
class TlsIT {

    static Path keyStore;

    /** A key pair for localhost and 127.0.0.1, made with keytool at test time. */
    @BeforeAll
    static void makeKeyStore() throws Exception {
        Path dir = Scratch.directory("audit-it-tls");
        keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "30", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), out);
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void acceptingTrustManagersAndVerifiersFireOnceEach(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, TlsCases.class, "bad", keyStore.toString()).run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(Map.of(
                "trustAllManager", "tls.trust-all",
                "apacheTrustAllStrategy", "tls.trust-all",
                "defaultHostnameVerifierAcceptsAll", "tls.any-hostname",
                "connectionHostnameVerifierAcceptsAll", "tls.any-hostname",
                "okHttpHostnameVerifierAcceptsAll", "tls.any-hostname",
                "apacheNoopVerifierWithClientPolicy", "tls.any-hostname",
                "apacheSocketFactoryNoopVerifier", "tls.any-hostname"), HttpCases.findingsByMethod(run, TlsCases.class, "// installed"));
        JsonNode trust = run.findings("tls.trust-all").get(0);
        assertEquals("critical", trust.get("severity").asText());
        assertEquals("CWE-295", trust.get("cwe").asText());
        assertEquals("example.TlsCases$TrustAll", trust.get("trustManager").asText());
        List<JsonNode> hostnames = run.findings("tls.any-hostname");
        assertEquals("CWE-297", hostnames.get(0).get("cwe").asText());
        assertTrue(hostnames.stream().anyMatch(f -> f.get("verifier").asText().equals("org.apache.hc.client5.http.ssl.NoopHostnameVerifier")));
    }

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void honestTrustAndVerifiersFireNothing(Path jdk) throws Exception {
        AgentRun.Running run = HttpCases.program(jdk, TlsCases.class, "good", keyStore.toString()).run();
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("done"), run.stdout() + run.stderr());
        assertEquals(List.of(), run.findings());
    }
}
