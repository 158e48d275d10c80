/** The start-up workload: a JVM that prints one line and exits. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello");
    }
}
