package dev.jvmaudit.agent;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * One advice method as its class file has it: what each parameter is bound to, and code that {@link #inline} replays
 * into a hooked method with the advice's locals moved past the host's, its returns turned into jumps past its end and
 * a handler around it that drops whatever it throws.
 */
final class AdviceMethod {

    enum Binding { THIS, ARGUMENT, FIELD, RETURN, THROWN, ENTER, ORIGIN }

    /** {@code index} is the argument position of {@link Binding#ARGUMENT}, {@code field} the name of {@link Binding#FIELD}. */
    record Parameter(Binding binding, int index, String field, Type type) {
    }

    /** Loads the value a parameter is bound to at one inlining site. */
    interface Values {
        void load(MethodVisitor host, Parameter parameter);
    }

    private static final String ENTER = Type.getDescriptor(Advice.OnMethodEnter.class);
    private static final String EXIT = Type.getDescriptor(Advice.OnMethodExit.class);
    /** "Ldev/jvmaudit/agent/Advice$": the parameter annotations are Advice's nested types. */
    private static final String BINDING_PREFIX = "L" + Type.getInternalName(Advice.class) + "$";
    private static final String THROWABLE = "java/lang/Throwable";

    final String owner;
    final String name;
    final String descriptor;
    final boolean enter;
    final boolean onThrowable;
    final Parameter[] parameters;
    final Type returnType;
    int maxStack;
    int maxLocals;
    private final byte[] classFile;

    private AdviceMethod(byte[] classFile, String owner, String name, String descriptor, boolean enter, boolean onThrowable) {
        this.classFile = classFile;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.enter = enter;
        this.onThrowable = onThrowable;
        this.returnType = Type.getReturnType(descriptor);
        this.parameters = new Parameter[Type.getArgumentTypes(descriptor).length];
    }

    /** The enter and exit methods of an advice class. */
    static List<AdviceMethod> read(byte[] classFile) {
        List<AdviceMethod> methods = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                owner = name;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new Reader(classFile, owner, name, descriptor, methods);
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return methods;
    }

    /** Reads one method's annotations and sizes; keeps it when it is an enter or exit advice with every parameter bound. */
    private static final class Reader extends MethodVisitor {
        private final byte[] classFile;
        private final String owner;
        private final String name;
        private final String descriptor;
        private final List<AdviceMethod> found;
        private AdviceMethod method;
        private final Type[] types;
        private final Binding[] bindings;
        private final int[] indexes;
        private final String[] fields;

        Reader(byte[] classFile, String owner, String name, String descriptor, List<AdviceMethod> found) {
            super(Opcodes.ASM9);
            this.classFile = classFile;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.found = found;
            this.types = Type.getArgumentTypes(descriptor);
            this.bindings = new Binding[types.length];
            this.indexes = new int[types.length];
            this.fields = new String[types.length];
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (annotation.equals(ENTER)) {
                method = new AdviceMethod(classFile, owner, name, descriptor, true, false);
            } else if (annotation.equals(EXIT)) {
                method = new AdviceMethod(classFile, owner, name, descriptor, false, false);
                return new AnnotationVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(String attribute, Object value) {
                        if (attribute.equals("onThrowable") && Boolean.TRUE.equals(value)) {
                            method = new AdviceMethod(classFile, owner, name, descriptor, false, true);
                        }
                    }
                };
            }
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            if (!annotation.startsWith(BINDING_PREFIX)) {
                return null;
            }
            bindings[parameter] = switch (annotation.substring(BINDING_PREFIX.length(), annotation.length() - 1)) {
                case "This" -> Binding.THIS;
                case "Argument" -> Binding.ARGUMENT;
                case "FieldValue" -> Binding.FIELD;
                case "Return" -> Binding.RETURN;
                case "Thrown" -> Binding.THROWN;
                case "Enter" -> Binding.ENTER;
                case "Origin" -> Binding.ORIGIN;
                default -> throw new IllegalStateException(owner + "." + name + ": unknown binding " + annotation);
            };
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String attribute, Object value) {
                    if (value instanceof Integer position) {
                        indexes[parameter] = position;
                    } else if (value instanceof String field) {
                        fields[parameter] = field;
                    }
                }
            };
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (method != null) {
                method.maxStack = maxStack;
                method.maxLocals = maxLocals;
            }
        }

        @Override
        public void visitEnd() {
            if (method == null) {
                return;
            }
            for (int i = 0; i < types.length; i++) {
                if (bindings[i] == null) {
                    throw new IllegalStateException(owner + "." + name + ": parameter " + i + " is not bound");
                }
                method.parameters[i] = new Parameter(bindings[i], indexes[i], fields[i], types[i]);
            }
            found.add(method);
        }
    }

    /**
     * Replays this advice into {@code host} at a point where its frame's locals are {@code hostLocals} and its stack
     * is empty: the parameters' values are stored from slot {@code base} on, the body follows with its locals moved
     * there too, and a value an enter advice returns goes into {@code enterSlot} (its type's zero if the advice threw).
     */
    void inline(MethodVisitor host, Object[] hostLocals, int base, Values values, int enterSlot) {
        Label start = new Label();
        Label handler = new Label();
        Label done = new Label();
        host.visitTryCatchBlock(start, handler, handler, THROWABLE);
        host.visitLabel(start);
        int slot = base;
        for (Parameter parameter : parameters) {
            values.load(host, parameter);
            host.visitVarInsn(parameter.type().getOpcode(Opcodes.ISTORE), slot);
            slot += parameter.type().getSize();
        }
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String signature, String[] exceptions) {
                return n.equals(name) && d.equals(descriptor) ? new Replay(host, hostLocals, base, enterSlot, done) : null;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        host.visitLabel(handler);
        host.visitFrame(Opcodes.F_NEW, hostLocals.length, hostLocals, 1, new Object[] {THROWABLE});
        host.visitInsn(Opcodes.POP);
        Object[] after = hostLocals;
        if (enterSlot >= 0) {
            pushZero(host, returnType);
            host.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), enterSlot);
            after = Frames.with(hostLocals, enterSlot, Frames.type(returnType));
        }
        host.visitLabel(done);
        host.visitFrame(Opcodes.F_NEW, after.length, after, 0, new Object[0]);
    }

    static void pushZero(MethodVisitor host, Type type) {
        switch (type.getSort()) {
            case Type.VOID -> { }
            case Type.LONG -> host.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> host.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> host.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> host.visitInsn(Opcodes.ACONST_NULL);
            default -> host.visitInsn(Opcodes.ICONST_0);
        }
    }

    /** The advice body, forwarded to the host with locals, frames and returns moved. */
    private final class Replay extends MethodVisitor {
        private final MethodVisitor host;
        private final Object[] hostLocals;
        private final int base;
        private final int enterSlot;
        private final Label done;

        Replay(MethodVisitor host, Object[] hostLocals, int base, int enterSlot, Label done) {
            super(Opcodes.ASM9);
            this.host = host;
            this.hostLocals = hostLocals;
            this.base = base;
            this.enterSlot = enterSlot;
            this.done = done;
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            Object[] locals = Frames.concat(Frames.padded(hostLocals, base), local, numLocal);
            host.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                if (opcode != Opcodes.RETURN) {
                    if (enterSlot >= 0) {
                        host.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), enterSlot);
                    } else {
                        host.visitInsn(returnType.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
                    }
                }
                host.visitJumpInsn(Opcodes.GOTO, done);
            } else {
                host.visitInsn(opcode);
            }
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            host.visitVarInsn(opcode, base + var);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            host.visitIincInsn(base + var, increment);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            host.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            host.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String fieldDescriptor) {
            host.visitFieldInsn(opcode, fieldOwner, fieldName, fieldDescriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String methodName, String methodDescriptor, boolean isInterface) {
            host.visitMethodInsn(opcode, methodOwner, methodName, methodDescriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... arguments) {
            // early JDK classes cannot bootstrap call sites (string concatenation, lambdas): advice calls the bridge
            throw new IllegalStateException(owner + "." + name + " uses invokedynamic, which advice must not");
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            host.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLabel(Label label) {
            host.visitLabel(label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            host.visitLdcInsn(value);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            host.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            host.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String arrayDescriptor, int numDimensions) {
            host.visitMultiANewArrayInsn(arrayDescriptor, numDimensions);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            // the suppressing handler around the body is listed first, so an inner one would never be reached
            throw new IllegalStateException(owner + "." + name + " has a try block; advice calls the bridge, which catches");
        }
    }
}
