package example;

import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** Uses the JDK's own threads (common pool, parallel streams, cleaner) and exits: no finding may mention them. */
public final class JdkThreads {

    public static void main(String[] args) throws Exception {
        int a = CompletableFuture.supplyAsync(() -> 21).thenApplyAsync(x -> x * 2).join();
        long b = IntStream.range(0, 200_000).parallel().filter(i -> i % 7 == 0).count();
        java.lang.ref.Cleaner.create().register(new Object(), () -> { });
        System.gc();
        System.out.println("done " + a + " " + b);
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
    }
}
