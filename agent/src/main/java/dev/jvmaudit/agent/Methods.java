package dev.jvmaudit.agent;

import java.util.Arrays;

/**
 * Which methods of a hooked class get an advice, as plain data: the hook table is read on every start, and Byte
 * Buddy's matchers (with the lambdas that would defer them) cost class loading that a start served from the transform
 * cache never needs. {@link HookTransformer} turns it into a matcher only when it weaves a class.
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
}
