package dev.jvmaudit.demo;

import dev.jvmaudit.demo.gallery.Gallery;
import dev.jvmaudit.demo.keepalived.MonitorLauncher;

/** {@code java -jar demo-app.jar}: the keepalived state-change monitor (faithful or hardened) or the rule gallery. */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo-app: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        switch (options.mode()) {
            case GALLERY -> Gallery.run(options);
            case FAITHFUL, HARDENED -> MonitorLauncher.run(options);
        }
    }
}
