package example;

/** A correct program: with or without the agent it prints exactly the same. */
public final class Hello {

    public static void main(String[] args) throws Exception {
        java.nio.file.Path report = java.nio.file.Files.createTempFile("hello", ".txt");
        java.nio.file.Files.writeString(report, "hello");
        java.nio.file.Files.delete(report);
        System.out.println("hello");
        System.err.println("bye");
    }
}
