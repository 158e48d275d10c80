package example;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** {@code unhandled}: a pool worker and a plain thread die of exceptions nobody handles; {@code handled}: the same, handled. */
public final class UncaughtWorker {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("unhandled")) {
            poolWorkerDies();
            plainThreadDies();
        } else {
            threadWithHandler();
            groupWithHandler();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("default handler: " + e.getMessage()));
            poolWorkerDies();
        }
        System.out.println("done");
    }

    static void poolWorkerDies() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.execute(() -> {
            throw new IllegalStateException("order 42 has no customer");
        });
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void plainThreadDies() throws InterruptedException {
        Thread t = new Thread(UncaughtWorker::parse, "importer");
        t.start();
        t.join();
    }

    static void parse() {
        Integer.parseInt("forty-two");
    }

    static void threadWithHandler() throws InterruptedException {
        Thread t = new Thread(UncaughtWorker::parse, "importer");
        t.setUncaughtExceptionHandler((thread, e) -> System.out.println("handled: " + e.getMessage()));
        t.start();
        t.join();
    }

    static void groupWithHandler() throws InterruptedException {
        ThreadGroup group = new ThreadGroup("importers") {
            @Override
            public void uncaughtException(Thread t, Throwable e) {
                System.out.println("group handled: " + e.getMessage());
            }
        };
        Thread t = new Thread(group, UncaughtWorker::parse, "grouped");
        t.start();
        t.join();
    }
}
