package dev.jvmaudit.agent;

import dev.jvmaudit.agent.python.PythonFrames;
import dev.jvmaudit.agent.report.ApplicationClasses;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.bootstrap.SiteTags;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Tags the calls of application classes that open a file or send a request ({@link TaggedCall}) with their own call
 * site: right before the call, {@code SiteTags.file(path, "com.acme.Store\nsave\nStore.java\n42\n")} (the call's first
 * argument and its site). The hook the call reaches takes the site, when it sees that same argument, instead of
 * capturing the stack, which was most of what opening a file cost. Only code that a stack walk would name is tagged
 * (not the JDK, the agent, the instrumented libraries, Jython, classes of named modules, or loaders that cannot see
 * the bridge); everything else is still captured from the stack, so every call site stays the same first application
 * frame.
 */
final class CallSiteTagger {

    private static final String SITE_TAGS = SiteTags.class.getName().replace('.', '/');
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** The tagged calls by their class's internal name. */
    private final Map<String, List<TaggedCall>> byOwner = new HashMap<>();
    /** The same names in UTF-8, as a class file's constant pool holds them. */
    private final byte[][] owners;
    /** What a cached tagged class was made with: the tag set depends on the enabled families. */
    private final String cacheKey;
    private final Map<ClassLoader, Boolean> seesBridge = Collections.synchronizedMap(new WeakHashMap<>());

    CallSiteTagger(List<TaggedCall> calls) {
        StringBuilder key = new StringBuilder("tags:");
        for (TaggedCall call : calls) {
            String owner = call.className().replace('.', '/');
            List<TaggedCall> ofOwner = byOwner.get(owner);
            if (ofOwner == null) {
                ofOwner = new ArrayList<>();
                byOwner.put(owner, ofOwner); // not computeIfAbsent: a lambda spins a class at every start
            }
            ofOwner.add(call);
            key.append(call.className()).append(';');
        }
        owners = new byte[byOwner.size()][];
        int i = 0;
        for (String owner : byOwner.keySet()) {
            owners[i++] = owner.getBytes(StandardCharsets.UTF_8);
        }
        cacheKey = key.toString();
    }

    String cacheKey() {
        return cacheKey;
    }

    /**
     * Whether a class being loaded is application code that may be tagged, by where it comes from (its bytes are not
     * read yet): not the JDK's, the agent's, an instrumented library's, or in a named module.
     */
    boolean mayTag(Module module, ClassLoader loader, String internalName) {
        return loader != null && loader != PLATFORM && (module == null || !module.isNamed())
                && ApplicationClasses.isApplicationClassName(internalName.replace('/', '.'));
    }

    /**
     * The rest of {@link #mayTag}, asked only of a class that {@link #callsTagged calls a tagged method}: not Jython's
     * (a Python open is named by its Python frame), and of a loader that sees the bridge.
     */
    boolean mayTagCalling(ClassLoader loader, String internalName) {
        return !PythonFrames.isJythonClass(internalName.replace('/', '.')) && sees(loader);
    }

    /** A loader that does not delegate to the boot loader (some module systems) would fail the tagged class. */
    private boolean sees(ClassLoader loader) {
        Boolean sees = seesBridge.get(loader);
        if (sees == null) {
            try {
                sees = Class.forName(SiteTags.class.getName(), false, loader) == SiteTags.class;
            } catch (Throwable t) {
                sees = false;
            }
            seesBridge.put(loader, sees);
        }
        return sees;
    }

    /**
     * Whether the class file calls one of the tagged methods, read from its constant pool alone (most classes call
     * none: they are then never parsed).
     */
    boolean callsTagged(byte[] classFile) {
        if (!ConstantPool.holdsAny(classFile, owners)) {
            return false;
        }
        ConstantPool pool = ConstantPool.read(classFile);
        if (pool == null) {
            return true; // a constant this reader does not know: let the parser decide
        }
        for (int i = 1; i < pool.offsets.length; i++) {
            int tag = pool.tag(i);
            if (tag != 10 && tag != 11) {
                continue;
            }
            int at = pool.offsets[i];
            String owner = pool.className(pool.u2(at + 1), owners);
            if (owner == null) {
                continue;
            }
            int nameAndType = pool.offsets[pool.u2(at + 3)];
            String name = pool.utf8(pool.u2(nameAndType + 1));
            String descriptor = pool.utf8(pool.u2(nameAndType + 3));
            if (matching(owner, name, descriptor) != null) {
                return true;
            }
        }
        return false;
    }

    private TaggedCall matching(String owner, String name, String descriptor) {
        List<TaggedCall> calls = byOwner.get(owner);
        if (calls != null) {
            for (TaggedCall call : calls) {
                if (call.methods().matches(name, descriptor)) {
                    return call;
                }
            }
        }
        return null;
    }

    /** The class with its tagged calls wrapped, or null when it makes none. */
    byte[] tag(byte[] classFile) {
        return Tagging.tag(this, classFile); // ASM is loaded only when a class is tagged, not at every start
    }

    private static final class Tagging extends ClassVisitor {
        private final CallSiteTagger tagger;
        private String className;
        private String sourceFile;
        private boolean tagged;

        private Tagging(CallSiteTagger tagger, ClassVisitor next) {
            super(Opcodes.ASM9, next);
            this.tagger = tagger;
        }

        /** Frames are kept as they are: the added calls leave the stack as they found it, and no branch is added. */
        static byte[] tag(CallSiteTagger tagger, byte[] classFile) {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            Tagging tagging = new Tagging(tagger, writer);
            reader.accept(tagging, 0);
            return tagging.tagged ? writer.toByteArray() : null;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name.replace('/', '.');
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
            super.visitSource(source, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                private int line = -1;
                private boolean taggedHere;

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                    super.visitLineNumber(number, start);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                    TaggedCall call = tagger.matching(owner, called, calledDescriptor);
                    if (call != null && copyFirstArgument(Type.getArgumentTypes(calledDescriptor))) {
                        super.visitLdcInsn(CallSite.tag(className, name, sourceFile, line));
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, SITE_TAGS, call.kind(), "(Ljava/lang/Object;Ljava/lang/String;)V", false);
                        taggedHere = true;
                        tagged = true;
                    }
                    super.visitMethodInsn(opcode, owner, called, calledDescriptor, isInterface);
                }

                /**
                 * Pushes a copy of the first argument, from under the others, with stack operations alone (no local,
                 * so no frame changes); false, with nothing pushed, when the call has more than three arguments or
                 * one of two slots (no tagged call of the JDK has either but AsynchronousFileChannel.open's four).
                 */
                private boolean copyFirstArgument(Type[] arguments) {
                    if (arguments.length == 0 || arguments.length > 3 || arguments[0].getSort() != Type.OBJECT) {
                        return false;
                    }
                    for (Type argument : arguments) {
                        if (argument.getSize() != 1) {
                            return false;
                        }
                    }
                    switch (arguments.length) {
                        case 1 -> super.visitInsn(Opcodes.DUP);
                        case 2 -> {
                            super.visitInsn(Opcodes.DUP2); // a b -> a b a b
                            super.visitInsn(Opcodes.POP); // -> a b a
                        }
                        default -> {
                            super.visitInsn(Opcodes.DUP2_X1); // a b c -> b c a b c
                            super.visitInsn(Opcodes.POP2); // -> b c a
                            super.visitInsn(Opcodes.DUP_X2); // -> a b c a
                        }
                    }
                    return true;
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    super.visitMaxs(taggedHere ? maxStack + 2 : maxStack, maxLocals);
                }
            };
        }
    }

    /** Where each constant of a class file starts: enough to read the methods it calls without parsing the class. */
    private static final class ConstantPool {
        final byte[] bytes;
        final int[] offsets;

        private ConstantPool(byte[] bytes, int[] offsets) {
            this.bytes = bytes;
            this.offsets = offsets;
        }

        /**
         * Whether one of the names is a text constant of the class file (or the pool cannot be read): a first pass
         * that allocates nothing, and ends the work for a class that does not even name a tagged method's class.
         */
        static boolean holdsAny(byte[] b, byte[][] names) {
            if (b.length < 10) {
                return true;
            }
            int count = u2(b, 8);
            int at = 10;
            for (int i = 1; i < count; i++) {
                if (at >= b.length) {
                    return true;
                }
                if ((b[at] & 0xff) == 1 && utf8Among(b, at, names) >= 0) {
                    return true;
                }
                i += slots(b, at) - 1;
                at = after(b, at);
                if (at < 0) {
                    return true;
                }
            }
            return false;
        }

        static ConstantPool read(byte[] b) {
            if (b.length < 10) {
                return null;
            }
            int count = u2(b, 8);
            int[] offsets = new int[count];
            int at = 10;
            for (int i = 1; i < count; i++) {
                if (at >= b.length) {
                    return null;
                }
                offsets[i] = at;
                i += slots(b, at) - 1;
                at = after(b, at);
                if (at < 0) {
                    return null;
                }
            }
            return new ConstantPool(b, offsets);
        }

        /** Where the constant after the one at {@code at} starts; -1 for a kind of constant this reader does not know. */
        private static int after(byte[] b, int at) {
            return switch (b[at] & 0xff) {
                case 1 -> at + 3 + u2(b, at + 1);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at + 5;
                case 5, 6 -> at + 9;
                case 7, 8, 16, 19, 20 -> at + 3;
                case 15 -> at + 4;
                default -> -1;
            };
        }

        /** How many indices the constant at {@code at} takes: two for a long or a double. */
        private static int slots(byte[] b, int at) {
            int tag = b[at] & 0xff;
            return tag == 5 || tag == 6 ? 2 : 1;
        }

        /** Which of {@code names} the Utf8 constant at {@code at} is, or -1. */
        private static int utf8Among(byte[] b, int at, byte[][] names) {
            int length = u2(b, at + 1);
            for (int i = 0; i < names.length; i++) {
                if (names[i].length == length && java.util.Arrays.equals(b, at + 3, at + 3 + length, names[i], 0, length)) {
                    return i;
                }
            }
            return -1;
        }

        private static int u2(byte[] b, int at) {
            return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        }

        int tag(int index) {
            int at = offsets[index];
            return at == 0 ? 0 : bytes[at] & 0xff;
        }

        int u2(int at) {
            return u2(bytes, at);
        }

        /** The name of the Class constant at {@code index} when it is one of {@code names}, else null. */
        String className(int index, byte[][] names) {
            int among = utf8Among(bytes, offsets[u2(offsets[index] + 1)], names);
            return among < 0 ? null : new String(names[among], StandardCharsets.UTF_8);
        }

        /** A Utf8 constant; the tagged calls' names and descriptors are ASCII, so any other text never matches them. */
        String utf8(int index) {
            int at = offsets[index];
            return new String(bytes, at + 3, u2(at + 1), StandardCharsets.ISO_8859_1);
        }
    }
}
