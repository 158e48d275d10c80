package example;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;

/** Application code asking where it is: the agent's own frames above it are skipped. */
public final class CallSiteProbe {

    private CallSiteProbe() {
    }

    /** Runs {@code action} as if this application class did: the call site of what it reports is here. */
    public static void run(Runnable action) {
        action.run();
    }

    public static CallSite here() {
        return CallSites.current();
    }

    /** Captured lazily and walked at once, both on one line, many times (so that the thread takes both ways). */
    public static Object[][] lazilyAndNow(int times) {
        Object[][] pairs = new Object[times][];
        for (int i = 0; i < times; i++) {
            pairs[i] = new Object[] {CallSites.captureLazily(), CallSites.current()};
        }
        return pairs;
    }

    /** Captured lazily through reflection: the JDK's reflection frames (generated accessors on JDK 17) are not the site. */
    public static Object[] reflectively(int times) throws ReflectiveOperationException {
        java.lang.reflect.Method lazily = CallSites.class.getMethod("captureLazily");
        Object[] captures = new Object[times];
        for (int i = 0; i < times; i++) {
            captures[i] = lazily.invoke(null);
        }
        return captures;
    }

    /** Both ways, on one line: the capture must resolve to the same site as the immediate walk. */
    public static Object[] bothWays() {
        return new Object[] {CallSites.capture(), CallSites.current()};
    }
}
