package example;

import com.sun.net.httpserver.HttpServer;

import java.io.FileOutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Commits one violation of every hook family (file, http, thread, shutdown, process), prints "ready", and exits when
 * its stdin closes: what it prints must not depend on whether, or how well, the agent runs.
 */
public final class EveryFamily {

    public static void main(String[] args) throws Exception {
        try (FileOutputStream out = new FileOutputStream("service.state")) {
            out.write('1');
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .toURL().openConnection();
        System.out.println("http " + connection.getResponseCode());
        server.stop(0);
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("worker failed on purpose");
        }, "worker");
        worker.start();
        worker.join();
        Process echo = new ProcessBuilder("sh", "-c", "echo process " + args.length).start();
        System.out.print(new String(echo.getInputStream().readAllBytes()));
        echo.waitFor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            throw new IllegalStateException("hook failed on purpose");
        }, "failing-hook"));
        System.out.println("ready");
        System.in.read();
        System.out.println("bye");
    }
}
