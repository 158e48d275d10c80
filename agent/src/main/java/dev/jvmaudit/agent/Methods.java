package dev.jvmaudit.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * Whether a method of the class file, by name and descriptor, is one of these. Read without ASM: the agent's start,
     * which matches the calls of every application class it loads, never loads the weaver.
     */
    boolean matches(String name, String descriptor) {
        if (isConstructor() ? !name.equals("<init>") : !Arrays.asList(names).contains(name)) {
            return false;
        }
        List<String> arguments = argumentDescriptors(descriptor);
        if (arities.length > 0) {
            boolean anyArity = false;
            for (int count : arities) {
                anyArity |= count == arguments.size();
            }
            if (!anyArity) {
                return false;
            }
        }
        if (parameters != null) {
            if (parameters.length != arguments.size()) {
                return false;
            }
            for (int i = 0; i < parameters.length; i++) {
                if (!parameters[i].descriptorString().equals(arguments.get(i))) {
                    return false;
                }
            }
        }
        for (int i = 0; i < typedPositions.length; i++) {
            int position = typedPositions[i];
            if (position >= arguments.size()) {
                return false;
            }
            String argument = arguments.get(position);
            boolean same = typedParameters[i] instanceof Class<?> c
                    ? c.descriptorString().equals(argument) : argument.equals("L" + ((String) typedParameters[i]).replace('.', '/') + ";");
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** The parameter types of a method descriptor, each as a field descriptor ({@code I}, {@code [B}, {@code Ljava/io/File;}). */
    static List<String> argumentDescriptors(String methodDescriptor) {
        List<String> arguments = new ArrayList<>();
        int at = 1;
        while (methodDescriptor.charAt(at) != ')') {
            int start = at;
            while (methodDescriptor.charAt(at) == '[') {
                at++;
            }
            at = methodDescriptor.charAt(at) == 'L' ? methodDescriptor.indexOf(';', at) + 1 : at + 1;
            arguments.add(methodDescriptor.substring(start, at));
        }
        return arguments;
    }
}
