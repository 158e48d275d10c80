package example;

import java.io.FileOutputStream;

/** Commits one file.permissive violation, says "ready", then runs until it is killed (at most 60 s). */
public final class WaitForSignal {

    public static void main(String[] args) throws Exception {
        try (FileOutputStream out = new FileOutputStream("service.state")) {
            out.write('1');
        }
        System.out.println("ready");
        Thread.sleep(60_000);
    }
}
