package example;

import java.io.IOException;

/** {@code shell}: commands through a shell with a concatenated string; {@code vector}: the same with argument lists. */
public final class Processes {

    public static void main(String[] args) throws Exception {
        String user = args.length > 1 ? args[1] : "alice";
        if (args[0].equals("shell")) {
            shellWithString(user);
            execWithMetacharacters();
        } else {
            argumentVector(user);
            execWithoutMetacharacters();
        }
        System.out.println("done");
    }

    static void shellWithString(String user) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "API_TOKEN=s3cr3t-value echo hello " + user + " > /dev/null");
        pb.environment().put("DB_PASSWORD", "env-secret-value");
        pb.start().waitFor();
    }

    static void execWithMetacharacters() throws IOException, InterruptedException {
        Runtime.getRuntime().exec("ls *.txt").waitFor();
    }

    static void argumentVector(String user) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("echo", "hello", user);
        pb.environment().put("DB_PASSWORD", "env-secret-value");
        pb.start().waitFor();
    }

    static void execWithoutMetacharacters() throws IOException, InterruptedException {
        Runtime.getRuntime().exec("echo hello").waitFor();
        Runtime.getRuntime().exec(new String[] {"sh", "-e", "/dev/null"}).waitFor();
    }
}
