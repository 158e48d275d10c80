package example;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A service started without the agent, driven line by line on stdin so the test can act before and after
 * attaching: {@code write <path>} creates a file, {@code threads} prints the names of all live threads.
 */
public final class AttachTarget {

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.split(" ", 2);
            switch (command[0]) {
                case "write" -> writeState(command[1]);
                case "threads" -> Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("thread " + t.getName()));
                default -> System.out.println("unknown " + line);
            }
            System.out.println("done " + line);
        }
    }

    static void writeState(String path) throws Exception {
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write('1');
        }
    }
}
