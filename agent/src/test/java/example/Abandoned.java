package example;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A non-daemon worker runs until stopped. {@code nohook}: nobody stops it; {@code joined}: a shutdown hook signals it
 * and joins it; {@code exit}: main calls System.exit while it runs; {@code return}: main returns and the worker is stopped later. Waits for SIGTERM otherwise.
 */
public final class Abandoned {

    static final AtomicBoolean running = new AtomicBoolean(true);

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(Abandoned::work, "queue-consumer");
        worker.start();
        if (args[0].equals("joined")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.set(false);
                worker.interrupt();
                try {
                    worker.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("worker stopped");
            }, "stop-consumer"));
        }
        System.out.println("ready");
        if (args[0].equals("exit")) {
            System.exit(0);
        }
        if (args[0].equals("return")) {
            // main returns while the worker still runs; the JVM waits for it, so nothing is abandoned
            new Thread(() -> {
                sleep(300);
                running.set(false);
            }, "stopper").start();
            return;
        }
        Thread.sleep(60_000);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void work() {
        while (running.get()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
