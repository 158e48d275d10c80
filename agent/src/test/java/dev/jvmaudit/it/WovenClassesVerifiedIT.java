package dev.jvmaudit.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM does not verify its own classes unless told to: a woven {@code java.*} class with a wrong stack map frame
 * would not be refused but would misbehave. Here the verifier is on for them, and every hooked class of the JDK and
 * of the HTTP libraries is woven, linked and so verified, including those retransformed at start-up.
 */
class WovenClassesVerifiedIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void everyWovenClassPassesTheVerifier(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).classpath(HttpCases.classpath())
                .jvm("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal", "-Xlog:verification=info:file=verification.log")
                .agentArgs("cache=false").main("dev.jvmaudit.agent.LinkHookedClasses").run();
        assertEquals(0, run.exitCode(), run.stderr());
        String out = run.stdout();
        List<String> failed = out.lines().filter(line -> line.startsWith("FAILED")).toList();
        assertEquals(List.of(), failed, out);
        for (String hooked : List.of("java.io.FileOutputStream", "java.lang.Thread", "java.lang.Runtime", "sun.nio.ch.FileChannelImpl",
                "jdk.internal.net.http.HttpClientImpl", "sun.net.www.protocol.http.HttpURLConnection",
                "okhttp3.internal.connection.RealCall", "org.apache.hc.client5.http.impl.classic.InternalHttpClient")) {
            assertTrue(out.contains("linked " + hooked + " "), hooked + " was not linked: " + out);
        }
        List<String> refused = Files.readAllLines(run.dir().resolve("verification.log")).stream()
                .filter(line -> line.contains("Verification for") && line.contains("failed")).toList();
        assertEquals(List.of(), refused, "classes the verifier refused");
        assertTrue(Files.readAllLines(run.dir().resolve("verification.log")).stream()
                .anyMatch(line -> line.contains("Verifying method java.io.FileOutputStream.open(Ljava/lang/String;Z)V")),
                "the JDK's own classes were verified");
    }
}
