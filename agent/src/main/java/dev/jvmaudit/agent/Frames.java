package dev.jvmaudit.agent;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.Arrays;

/** Locals of expanded stack map frames, in ASM's form: one entry per value, a long or double filling two slots. */
final class Frames {

    private Frames() {
    }

    static Object type(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            case Type.ARRAY -> type.getDescriptor();
            case Type.OBJECT -> type.getInternalName();
            default -> throw new IllegalArgumentException("no frame type for " + type);
        };
    }

    static int slots(Object[] locals) {
        int slots = 0;
        for (Object local : locals) {
            slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
        return slots;
    }

    /** {@code locals} filled with unusable slots up to {@code slot}. */
    static Object[] padded(Object[] locals, int slot) {
        int slots = slots(locals);
        if (slots > slot) {
            throw new IllegalStateException("frame locals reach slot " + slots + ", past " + slot);
        }
        Object[] padded = Arrays.copyOf(locals, locals.length + slot - slots);
        Arrays.fill(padded, locals.length, padded.length, Opcodes.TOP);
        return padded;
    }

    /** {@code locals} with a value of {@code type} in {@code slot}, past all of them. */
    static Object[] with(Object[] locals, int slot, Object type) {
        return concat(padded(locals, slot), new Object[] {type}, 1);
    }

    static Object[] concat(Object[] first, Object[] second, int count) {
        Object[] all = Arrays.copyOf(first, first.length + count);
        System.arraycopy(second, 0, all, first.length, count);
        return all;
    }
}
