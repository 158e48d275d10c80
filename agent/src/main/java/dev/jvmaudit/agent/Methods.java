package dev.jvmaudit.agent;

import org.objectweb.asm.Type;

import java.util.Arrays;

/**
 * Which methods of a hooked class get an advice, as plain data: the hook table is read on every start, and matching
 * is only needed when a class is woven, against the names and descriptors in its class file.
 */
public final class Methods {

    /** Method names, any of which; empty for constructors. */
    final String[] names;
    /** Parameter counts, any of which; empty for any count. */
    int[] arities = {};
    /** The exact parameter types, or null for any. */
    Class<?>[] parameters;
    /** Parameter positions whose types are fixed, with those types (a {@code Class} or a type name). */
    int[] typedPositions = {};
    Object[] typedParameters = {};

    private Methods(String[] names) {
        this.names = names;
    }

    /** The methods with any of these names. */
    public static Methods method(String... names) {
        return new Methods(names);
    }

    public static Methods constructor() {
        return new Methods(new String[0]);
    }

    /** ...taking any of these numbers of parameters. */
    public Methods arity(int... counts) {
        arities = counts;
        return this;
    }

    /** ...taking exactly these parameters. */
    public Methods parameters(Class<?>... types) {
        parameters = types;
        return this;
    }

    /** ...whose parameter at this position is of this type ({@code Class}, or a name for a type not to be loaded). */
    public Methods parameter(int position, Object type) {
        typedPositions = Arrays.copyOf(typedPositions, typedPositions.length + 1);
        typedPositions[typedPositions.length - 1] = position;
        typedParameters = Arrays.copyOf(typedParameters, typedParameters.length + 1);
        typedParameters[typedParameters.length - 1] = type;
        return this;
    }

    boolean isConstructor() {
        return names.length == 0;
    }

    /** Whether a method of the class file, by name and descriptor, is one of these. */
    boolean matches(String name, String descriptor) {
        if (isConstructor() ? !name.equals("<init>") : !Arrays.asList(names).contains(name)) {
            return false;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        if (arities.length > 0) {
            boolean anyArity = false;
            for (int count : arities) {
                anyArity |= count == arguments.length;
            }
            if (!anyArity) {
                return false;
            }
        }
        if (parameters != null) {
            if (parameters.length != arguments.length) {
                return false;
            }
            for (int i = 0; i < parameters.length; i++) {
                if (!Type.getType(parameters[i]).equals(arguments[i])) {
                    return false;
                }
            }
        }
        for (int i = 0; i < typedPositions.length; i++) {
            int position = typedPositions[i];
            if (position >= arguments.length) {
                return false;
            }
            boolean same = typedParameters[i] instanceof Class<?> c
                    ? Type.getType(c).equals(arguments[position]) : arguments[position].getClassName().equals(typedParameters[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
