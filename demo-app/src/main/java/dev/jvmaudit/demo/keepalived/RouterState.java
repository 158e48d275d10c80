package dev.jvmaudit.demo.keepalived;

import java.util.Locale;

/** The keepalived role of this router's instance, as written to the state file and sent to the L3 agent. */
public enum RouterState {
    PRIMARY, BACKUP;

    /** The word on disk and in the {@code X-Neutron-State} header. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
