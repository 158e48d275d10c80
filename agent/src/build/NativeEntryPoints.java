import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Build step (process-classes): marks the agent's entry points {@code premain} and {@code agentmain} ACC_VARARGS.
 * The JVM calls them through {@code Method.invoke}; from JDK 18 that spins seven method-handle classes on first use,
 * ~12 ms of every start here, unless the method is "varargs" with a last parameter that is not an array, which the
 * JDK's reflection then calls natively (jdk.internal.reflect.MethodHandleAccessorFactory#useNativeAccessor). javac
 * cannot write that flag; the JVM ignores it everywhere else.
 *
 * usage: java -cp asm.jar NativeEntryPoints.java path/to/AuditAgent.class
 */
public final class NativeEntryPoints {

    private static final Set<String> ENTRY_POINTS = Set.of("premain", "agentmain");

    public static void main(String[] args) throws Exception {
        Path classFile = Path.of(args[0]);
        ClassReader reader = new ClassReader(Files.readAllBytes(classFile));
        ClassWriter writer = new ClassWriter(reader, 0);
        int[] marked = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                boolean entryPoint = ENTRY_POINTS.contains(name) && (access & Opcodes.ACC_STATIC) != 0
                        && descriptor.equals("(Ljava/lang/String;Ljava/lang/instrument/Instrumentation;)V");
                if (entryPoint) {
                    marked[0]++;
                }
                int flags = entryPoint ? access | Opcodes.ACC_VARARGS : access;
                return super.visitMethod(flags, name, descriptor, signature, exceptions);
            }
        }, 0);
        if (marked[0] != ENTRY_POINTS.size()) {
            throw new IllegalStateException(classFile + ": expected premain and agentmain(String, Instrumentation), found "
                    + marked[0]);
        }
        Files.write(classFile, writer.toByteArray());
    }
}
