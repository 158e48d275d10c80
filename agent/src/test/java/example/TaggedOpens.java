package example;

import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Field;
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
 * Leaves files open through each tagged call, and through those the agent cannot tag (a reflective constructor, also
 * right after a tagged call that failed before opening anything, and a method reference), and sends a request whose
 * status it never reads; prints each call's own line ({@code name
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
        try {
            KEPT.add(new PrintWriter(dir.resolve("never.txt").toFile(), "no-such-charset"));
        } catch (UnsupportedEncodingException expected) {
            // failed before it opened anything: its tag is left behind, and the next open must not take it
        }
        line = line(); KEPT.add(FileOutputStream.class.getConstructor(File.class).newInstance(dir.resolve("after-failure.bin").toFile()));
        System.out.println("after-failure.bin " + line);
        Opener byReference = FileOutputStream::new;
        line = line(); KEPT.add(byReference.open(dir.resolve("referenced.bin").toFile()));
        System.out.println("referenced.bin " + line);

        Peeking peeking = new Peeking(dir.resolve("peeked.bin").toString());
        line = line(); KEPT.add(new FileOutputStream(peeking));
        System.out.println("peeked.bin " + line);
        System.out.println("tag " + peeking.seen.replace('\n', '|'));

        try (LoopbackServer server = LoopbackServer.http()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/ok")).timeout(Duration.ofSeconds(10)).build();
            line = line(); KEPT.add(client.send(request, HttpResponse.BodyHandlers.ofString()));
            System.out.println("send " + line);
        }
        System.out.println("done");
    }

    /**
     * Reads, as its open reads its path, the tag waiting in the agent's bridge: proof that the call was tagged. (Its
     * hook does not take that tag: it calls no subclass's {@code getPath}, so this open is captured from the stack.)
     */
    static final class Peeking extends File {
        String seen;

        Peeking(String path) {
            super(path);
        }

        @Override
        public String getPath() {
            if (seen == null) {
                seen = waitingFileTag();
            }
            return super.getPath();
        }
    }

    private static String waitingFileTag() {
        try {
            Field waiting = Class.forName("dev.jvmaudit.bootstrap.SiteTags").getDeclaredField("WAITING");
            waiting.setAccessible(true);
            return String.valueOf(((Object[]) ((ThreadLocal<?>) waiting.get(null)).get())[1]);
        } catch (ReflectiveOperationException e) {
            return "no tag: " + e;
        }
    }

    private static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }
}
