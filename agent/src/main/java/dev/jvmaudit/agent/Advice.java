package dev.jvmaudit.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an advice class's methods say about themselves, read from their class files by {@link AdviceWeaver}: which
 * method is inlined where, and what each parameter receives. The advice's own failures never reach the application:
 * every inlined advice body is wrapped in a handler that drops what it throws.
 */
public final class Advice {

    private Advice() {
    }

    /** Inlined at the start of the hooked method; a value it returns is what {@link Enter} parameters receive. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface OnMethodEnter {
    }

    /** Inlined before every return of the hooked method and, with {@code onThrowable}, before it throws. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface OnMethodExit {
        boolean onThrowable() default false;
    }

    /** The hooked method's receiver (not available to the enter advice of a constructor). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface This {
    }

    /** The hooked method's argument at this position. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Argument {
        int value();
    }

    /** A field of the receiver, declared by the hooked class or one of its superclasses. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface FieldValue {
        String value();
    }

    /** What the hooked method returns (its type's zero when it throws). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Return {
    }

    /** What the hooked method throws, null when it returns. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Thrown {
    }

    /** What the enter advice of the same hook returned. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Enter {
    }

    /** "{@code <binary class name>.<method name>}" of the hooked method, a constant. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Origin {
    }
}
