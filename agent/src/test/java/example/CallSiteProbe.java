package example;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;

/** Application code asking where it is: the agent's own frames above it are skipped. */
public final class CallSiteProbe {

    private CallSiteProbe() {
    }

    public static CallSite here() {
        return CallSites.current();
    }

    /** Both ways, on one line: the capture must resolve to the same site as the immediate walk. */
    public static Object[] bothWays() {
        return new Object[] {CallSites.capture(), CallSites.current()};
    }
}
