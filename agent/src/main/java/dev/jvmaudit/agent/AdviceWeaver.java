package dev.jvmaudit.agent;

import dev.jvmaudit.agent.AdviceMethod.Parameter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inlines advice into the methods a hook table names: the class is read once, the matched methods get their enter
 * advice at the start and their exit advice in one block every return jumps to (and, for {@code onThrowable}, in a
 * handler around the whole body), and every other method is copied as it is. Stack map frames are kept, not
 * recomputed: the advice runs only where the method's locals are known (its start, and the blocks it adds), so no
 * class is ever loaded to weave another.
 */
final class AdviceWeaver {

    private static final String THROWABLE = "java/lang/Throwable";

    private final ClassLoader adviceLoader;
    private final Map<String, List<AdviceMethod>> advice = new ConcurrentHashMap<>();

    AdviceWeaver(ClassLoader adviceLoader) {
        this.adviceLoader = adviceLoader;
    }

    /** {@code loader} is the class's own, for the superclasses that declare a field the advice reads. */
    byte[] weave(byte[] original, ClassLoader loader, List<Hook> hooks) {
        ClassReader reader = new ClassReader(original);
        Shape shape = new Shape(hooks);
        reader.accept(shape, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (shape.maxLocals.isEmpty()) {
            return original;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer maxLocals = shape.maxLocals.get(name + descriptor);
                if (maxLocals == null) {
                    return target;
                }
                List<Hook> matching = new ArrayList<>();
                for (Hook hook : hooks) {
                    if (hook.methods().matches(name, descriptor)) {
                        matching.add(hook);
                    }
                }
                return new HookedMethod(target, shape, loader, access, name, descriptor, maxLocals, matching);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private List<AdviceMethod> adviceOf(Hook hook) {
        return advice.computeIfAbsent(hook.adviceClassName(), name -> {
            try (InputStream in = adviceLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("advice class " + name + " is missing");
                }
                return AdviceMethod.read(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The class's name, superclass and fields, and the local-variable count of each method a hook matches. */
    private static final class Shape extends ClassVisitor {
        private final List<Hook> hooks;
        String internalName;
        String superName;
        final Map<String, String> fields = new HashMap<>();
        /** Fields of the superclasses read so far, nearest declaration first: {declaring class, descriptor}. */
        final Map<String, String[]> inherited = new HashMap<>();
        final Map<String, Integer> maxLocals = new HashMap<>();

        Shape(List<Hook> hooks) {
            super(Opcodes.ASM9);
            this.hooks = hooks;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.internalName = name;
            this.superName = superName;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.put(name, descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return null;
            }
            for (Hook hook : hooks) {
                if (hook.methods().matches(name, descriptor)) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMaxs(int maxStack, int locals) {
                            maxLocals.put(name + descriptor, locals);
                        }
                    };
                }
            }
            return null;
        }
    }

    /** One advice pair (either may be absent) applied to a method, with the slot its enter value is kept in. */
    private record Applied(AdviceMethod enter, AdviceMethod exit, int enterSlot) {
    }

    private enum Site { ENTER, RETURN, THROWN }

    /**
     * A matched method: slots from its own {@code maxLocals} on hold the enter values, the return value and the
     * thrown exception, then the advice's own locals.
     */
    private final class HookedMethod extends MethodVisitor {
        private final Shape shape;
        private final ClassLoader loader;
        private final String name;
        private final boolean isStatic;
        private final boolean isConstructor;
        private final Type[] arguments;
        private final Type returnType;
        private final List<Applied> applied = new ArrayList<>();
        private final Object[] initialLocals;
        private Object[] enteredLocals;
        private final int returnSlot;
        private final int thrownSlot;
        private final int base;
        private final boolean hasExit;
        private final boolean hasThrowableExit;
        private int adviceMaxStack;
        private int adviceMaxLocals;
        private final Label bodyStart = new Label();
        private final Label bodyEnd = new Label();
        private final Label thrownHandler = new Label();
        private final Label exit = new Label();
        private boolean bodyPending;

        HookedMethod(MethodVisitor target, Shape shape, ClassLoader loader, int access, String name, String descriptor,
                     int maxLocals, List<Hook> hooks) {
            super(Opcodes.ASM9, target);
            this.shape = shape;
            this.loader = loader;
            this.name = name;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.isConstructor = name.equals("<init>");
            this.arguments = Type.getArgumentTypes(descriptor);
            this.returnType = Type.getReturnType(descriptor);
            int slot = maxLocals;
            boolean exits = false;
            boolean throwableExits = false;
            for (Hook hook : hooks) {
                AdviceMethod enter = null;
                AdviceMethod exit = null;
                for (AdviceMethod method : adviceOf(hook)) {
                    if (method.enter) {
                        enter = method;
                    } else {
                        exit = method;
                    }
                    adviceMaxStack = Math.max(adviceMaxStack, method.maxStack);
                    adviceMaxLocals = Math.max(adviceMaxLocals, method.maxLocals);
                }
                int enterSlot = -1;
                if (enter != null && enter.returnType.getSort() != Type.VOID) {
                    enterSlot = slot;
                    slot += enter.returnType.getSize();
                }
                if (exit != null) {
                    exits = true;
                    throwableExits |= exit.onThrowable;
                    if (exit.onThrowable && isConstructor) {
                        throw new IllegalStateException(hook + ": a constructor's exceptions cannot be caught around its super call");
                    }
                }
                applied.add(new Applied(enter, exit, enterSlot));
            }
            this.hasExit = exits;
            this.hasThrowableExit = throwableExits;
            this.returnSlot = exits && returnType.getSort() != Type.VOID ? slot : -1;
            slot += returnSlot >= 0 ? returnType.getSize() : 0;
            this.thrownSlot = throwableExits ? slot++ : -1;
            this.base = slot;
            this.initialLocals = initialLocals(isConstructor ? Opcodes.UNINITIALIZED_THIS : shape.internalName);
        }

        private Object[] initialLocals(Object receiver) {
            List<Object> locals = new ArrayList<>();
            if (!isStatic) {
                locals.add(receiver);
            }
            for (Type argument : arguments) {
                locals.add(Frames.type(argument));
            }
            return locals.toArray();
        }

        private Object[] withEnterValues(Object[] locals) {
            for (Applied a : applied) {
                if (a.enterSlot() >= 0) {
                    locals = Frames.with(locals, a.enterSlot(), Frames.type(a.enter().returnType));
                }
            }
            return locals;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Object[] locals = initialLocals;
            boolean entered = false;
            for (Applied a : applied) {
                if (a.enter() != null) {
                    a.enter().inline(mv, locals, base, (host, parameter) -> load(host, parameter, Site.ENTER, a), a.enterSlot());
                    if (a.enterSlot() >= 0) {
                        locals = Frames.with(locals, a.enterSlot(), Frames.type(a.enter().returnType));
                    }
                    entered = true;
                }
            }
            if (entered) {
                mv.visitInsn(Opcodes.NOP); // the method's own first frame may follow: two frames at one offset are not allowed
            }
            enteredLocals = locals;
            bodyPending = hasThrowableExit;
        }

        /** Opens the range the throwable handler covers, after the method's own handlers so that theirs come first. */
        private void beginBody() {
            if (bodyPending) {
                bodyPending = false;
                mv.visitTryCatchBlock(bodyStart, bodyEnd, thrownHandler, THROWABLE);
                mv.visitLabel(bodyStart);
            }
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            beginBody();
            Object[] locals = withEnterValues(java.util.Arrays.copyOf(local, numLocal));
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
        }

        @Override
        public void visitInsn(int opcode) {
            beginBody();
            if (hasExit && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                if (returnSlot >= 0) {
                    super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
                }
                super.visitJumpInsn(Opcodes.GOTO, exit);
            } else {
                super.visitInsn(opcode);
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (hasExit) {
                Object[] exitLocals = withEnterValues(initialLocals(isStatic ? null : shape.internalName));
                if (hasThrowableExit) {
                    mv.visitLabel(bodyEnd);
                    mv.visitLabel(thrownHandler);
                    mv.visitFrame(Opcodes.F_NEW, exitLocals.length, exitLocals, 1, new Object[] {THROWABLE});
                    mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                    Object[] thrownLocals = Frames.with(exitLocals, thrownSlot, THROWABLE);
                    for (Applied a : applied) {
                        if (a.exit() != null && a.exit().onThrowable) {
                            a.exit().inline(mv, thrownLocals, base, (host, parameter) -> load(host, parameter, Site.THROWN, a), -1);
                        }
                    }
                    mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    mv.visitInsn(Opcodes.ATHROW);
                }
                mv.visitLabel(exit);
                Object[] returnLocals = returnSlot >= 0
                        ? Frames.with(exitLocals, returnSlot, Frames.type(returnType)) : exitLocals;
                mv.visitFrame(Opcodes.F_NEW, returnLocals.length, returnLocals, 0, new Object[0]);
                for (Applied a : applied) {
                    if (a.exit() != null) {
                        a.exit().inline(mv, returnLocals, base, (host, parameter) -> load(host, parameter, Site.RETURN, a), -1);
                    }
                }
                if (returnSlot >= 0) {
                    mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
                }
                mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            }
            super.visitMaxs(Math.max(maxStack, adviceMaxStack + 2), base + adviceMaxLocals);
        }

        private void load(MethodVisitor host, Parameter parameter, Site site, Applied a) {
            Type wanted = parameter.type();
            switch (parameter.binding()) {
                case THIS -> {
                    if (isStatic || (isConstructor && site == Site.ENTER)) {
                        throw new IllegalStateException(name + ": no receiver to bind here");
                    }
                    host.visitVarInsn(Opcodes.ALOAD, 0);
                    cast(host, Type.getObjectType(shape.internalName), wanted);
                }
                case ARGUMENT -> {
                    int slot = isStatic ? 0 : 1;
                    for (int i = 0; i < parameter.index(); i++) {
                        slot += arguments[i].getSize();
                    }
                    Type type = arguments[parameter.index()];
                    host.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
                    cast(host, type, wanted);
                }
                case FIELD -> {
                    if (isStatic || (isConstructor && site == Site.ENTER)) {
                        throw new IllegalStateException(name + ": no receiver to read " + parameter.field() + " from");
                    }
                    String[] declared = field(parameter.field());
                    host.visitVarInsn(Opcodes.ALOAD, 0);
                    host.visitFieldInsn(Opcodes.GETFIELD, declared[0], parameter.field(), declared[1]);
                    cast(host, Type.getType(declared[1]), wanted);
                }
                case RETURN -> {
                    if (site == Site.ENTER || returnType.getSort() == Type.VOID) {
                        throw new IllegalStateException(name + ": no return value to bind here");
                    }
                    if (site == Site.RETURN) {
                        host.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
                    } else {
                        AdviceMethod.pushZero(host, returnType);
                    }
                    cast(host, returnType, wanted);
                }
                case THROWN -> {
                    if (site == Site.THROWN) {
                        host.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    } else {
                        host.visitInsn(Opcodes.ACONST_NULL);
                    }
                }
                case ENTER -> {
                    if (a.enterSlot() < 0 || site == Site.ENTER) {
                        throw new IllegalStateException(name + ": no enter value to bind");
                    }
                    host.visitVarInsn(a.enter().returnType.getOpcode(Opcodes.ILOAD), a.enterSlot());
                    cast(host, a.enter().returnType, wanted);
                }
                case ORIGIN -> host.visitLdcInsn(shape.internalName.replace('/', '.') + "." + name);
            }
        }

        /** Reference values are cast down when the advice asks for a narrower type; primitives must match exactly. */
        private void cast(MethodVisitor host, Type from, Type to) {
            boolean primitiveFrom = from.getSort() < Type.ARRAY;
            boolean primitiveTo = to.getSort() < Type.ARRAY;
            if (primitiveFrom || primitiveTo) {
                if (!from.equals(to)) {
                    throw new IllegalStateException(name + ": a " + from + " cannot be bound to a " + to);
                }
            } else if (!to.equals(from) && !to.getInternalName().equals("java/lang/Object")) {
                host.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
        }

        /** The class declaring a field (this one or a superclass) and the field's descriptor. */
        private String[] field(String fieldName) {
            String descriptor = shape.fields.get(fieldName);
            if (descriptor != null) {
                return new String[] {shape.internalName, descriptor};
            }
            String[] found = shape.inherited.get(fieldName);
            if (found != null) {
                return found;
            }
            String owner = shape.superName;
            while (owner != null) {
                Shape superShape = new Shape(List.of());
                String resource = owner + ".class";
                try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        break;
                    }
                    new ClassReader(in.readAllBytes()).accept(superShape, ClassReader.SKIP_CODE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (Map.Entry<String, String> field : superShape.fields.entrySet()) {
                    shape.inherited.putIfAbsent(field.getKey(), new String[] {owner, field.getValue()});
                }
                found = shape.inherited.get(fieldName);
                if (found != null) {
                    return found;
                }
                owner = superShape.superName;
            }
            throw new IllegalStateException(shape.internalName + " has no field " + fieldName);
        }

        @Override
        public void visitLabel(Label label) {
            beginBody();
            super.visitLabel(label);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            beginBody();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            beginBody();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            beginBody();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fieldName, String descriptor) {
            beginBody();
            super.visitFieldInsn(opcode, owner, fieldName, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String methodName, String descriptor, boolean isInterface) {
            beginBody();
            super.visitMethodInsn(opcode, owner, methodName, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String indyName, String descriptor, org.objectweb.asm.Handle bootstrap, Object... arguments) {
            beginBody();
            super.visitInvokeDynamicInsn(indyName, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            beginBody();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            beginBody();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            beginBody();
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            beginBody();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            beginBody();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            beginBody();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
