package example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Prints the native thread id of the agent's endpoint thread ("audit-metrics tid N") once it runs, then returns. */
public final class EndpointThread {

    public static void main(String[] args) throws Exception {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    if (Files.readString(task.resolve("comm")).strip().equals("audit-metrics")) {
                        System.out.println("audit-metrics tid " + task.getFileName());
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        System.out.println("no audit-metrics thread");
    }
}
