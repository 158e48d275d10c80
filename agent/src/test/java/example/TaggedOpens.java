package example;

import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves files open through each tagged call, and through two the agent cannot tag (a reflective constructor, a
 * method reference), and sends a request whose status it never reads; prints each call's own line ({@code name
 * line}), on the line of the call itself, for the test to compare with the call sites the agent names.
 */
public final class TaggedOpens {

    /** Kept reachable on purpose: these are left open. */
    static final List<Object> KEPT = new ArrayList<>();

    interface Opener {
        Object open(File file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("tagged"));
        int line;
        line = line(); KEPT.add(new FileOutputStream(dir.resolve("stream.bin").toFile()));
        System.out.println("stream.bin " + line);
        line = line(); KEPT.add(new FileWriter(dir.resolve("writer.txt").toString()));
        System.out.println("writer.txt " + line);
        line = line(); KEPT.add(new PrintWriter(dir.resolve("printed.txt").toFile()));
        System.out.println("printed.txt " + line);
        line = line(); KEPT.add(new RandomAccessFile(dir.resolve("random.bin").toFile(), "rw"));
        System.out.println("random.bin " + line);
        line = line(); KEPT.add(Files.newBufferedWriter(dir.resolve("buffered.txt")));
        System.out.println("buffered.txt " + line);
        line = line(); KEPT.add(FileChannel.open(dir.resolve("channel.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        System.out.println("channel.bin " + line);
        line = line(); KEPT.add(FileOutputStream.class.getConstructor(File.class).newInstance(dir.resolve("reflective.bin").toFile()));
        System.out.println("reflective.bin " + line);
        Opener byReference = FileOutputStream::new;
        line = line(); KEPT.add(byReference.open(dir.resolve("referenced.bin").toFile()));
        System.out.println("referenced.bin " + line);

        try (LoopbackServer server = LoopbackServer.http()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/ok")).timeout(Duration.ofSeconds(10)).build();
            line = line(); KEPT.add(client.send(request, HttpResponse.BodyHandlers.ofString()));
            System.out.println("send " + line);
        }
        System.out.println("done");
    }

    private static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }
}
