package dev.jvmaudit.agent;

/**
 * Stands in a family's bridge until the first hooked call, which builds the family's rules and hands them the bridge:
 * a program that never opens a file, say, never pays for the file rules. Nothing is built once stopped.
 */
public abstract class BuiltOnFirstCall<R> {

    private volatile R rules;
    private boolean stopped;

    /** Builds the rules and connects them to the bridge; runs once, under this object's lock. */
    protected abstract R build();

    /** The rules, built now if need be; null once stopped. */
    public final R rules() {
        R r = rules;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (rules == null && !stopped) {
                rules = build();
            }
            return rules;
        }
    }

    /** The rules if a call has built them, else null. */
    public final R built() {
        return rules;
    }

    /** From now on nothing is built; the family then disconnects its bridge. */
    public final synchronized void stop() {
        stopped = true;
    }
}
