package example;

/**
 * Shutdown hooks that misbehave. {@code slow}: sleeps 5 s; {@code failing}: throws (then main calls System.exit);
 * {@code exit}: calls System.exit(3); {@code halt}: main halts without running its hook; {@code fine}: a quick hook.
 * Waits for SIGTERM unless the mode exits by itself.
 */
public final class Hooks {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "slow" -> Runtime.getRuntime().addShutdownHook(new Thread(Hooks::slowCleanup, "flush-on-exit"));
            case "failing" -> Runtime.getRuntime().addShutdownHook(new Thread(Hooks::failingCleanup, "close-pool"));
            case "exit" -> Runtime.getRuntime().addShutdownHook(new Thread(Hooks::exitingCleanup, "exit-again"));
            case "halt", "fine" -> Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran"), "quick"));
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.println("ready");
        if (mode.equals("failing")) {
            System.exit(0);
        }
        if (mode.equals("halt")) {
            Runtime.getRuntime().halt(7);
        }
        if (!mode.equals("fine")) {
            Thread.sleep(60_000);
        }
    }

    static void slowCleanup() {
        System.out.println("hook started");
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("hook ended");
    }

    static void failingCleanup() {
        throw new IllegalStateException("pool already closed");
    }

    static void exitingCleanup() {
        System.out.println("hook calls exit");
        System.exit(3);
    }
}
