import java.lang.instrument.Instrumentation;

/** The start-up reference: an agent whose premain does nothing, so what it costs is the JVM's price of -javaagent. */
public class NoopAgent {
    public static void premain(String args, Instrumentation inst) {
    }
}
