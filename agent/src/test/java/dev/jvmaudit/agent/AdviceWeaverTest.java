package dev.jvmaudit.agent;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Woven classes are defined by a class loader of their own, so the JVM's verifier checks every frame the weaver
 * wrote; the advice records what it was given, and the methods must behave exactly as before.
 */
class AdviceWeaverTest {

    /** What the advice saw, in order. */
    public static final class Recorder {
        public static final List<String> SEEN = new ArrayList<>();
        public static boolean fail;

        public static Object record(String what, Object value) {
            if (fail) {
                throw new IllegalStateException("advice failure");
            }
            SEEN.add(what + "=" + value);
            return "token:" + value;
        }
    }

    public static class Base {
        protected int limit = 7;
    }

    public static class Target extends Base {
        private final String label;

        public Target(String label) {
            this.label = label;
        }

        /** Loops and a try block of its own: frames the weaver must carry the enter value through. */
        public long sum(int count, long start, double scale, Object tag) {
            long total = start;
            for (int i = 0; i < count; i++) {
                try {
                    if (i == 3 && tag == null) {
                        throw new IllegalArgumentException("no tag");
                    }
                    total += (long) (i * scale);
                } catch (ArithmeticException never) {
                    return -1;
                }
            }
            return total;
        }

        public static String twice(String text) {
            while (text.length() < 4) { // a backward jump to the method's first instruction
                text = text + text;
            }
            return text;
        }

        public void nothing() {
        }

        public String label() {
            return label;
        }
    }

    static final class SumAdvice {
        @Advice.OnMethodEnter
        static Object enter(@Advice.This Object self, @Advice.Argument(0) int count, @Advice.Argument(1) long start,
                            @Advice.Argument(2) double scale, @Advice.Argument(3) Object tag, @Advice.FieldValue("limit") int limit,
                            @Advice.Origin String origin) {
            Recorder.record("enter", count + "/" + start + "/" + scale + "/" + tag + "/" + limit + "/" + origin.endsWith("Target.sum"));
            return Recorder.record("self", self == null ? "null" : "target");
        }

        @Advice.OnMethodExit(onThrowable = true)
        static void exit(@Advice.Enter Object token, @Advice.Return long result, @Advice.Thrown Throwable thrown) {
            Recorder.record("exit", token + "/" + result + "/" + (thrown == null ? null : thrown.getMessage()));
        }
    }

    static final class TwiceAdvice {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String text) {
            Recorder.record("twice", text);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return String result, @Advice.Thrown Throwable thrown) {
            Recorder.record("twice returned", result + "/" + thrown);
        }
    }

    static final class SecondTwiceAdvice {
        @Advice.OnMethodExit
        static void exit(@Advice.Return Object result) {
            Recorder.record("second", result);
        }
    }

    static final class ConstructorAdvice {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String label) {
            Recorder.record("constructing", label);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Target self, @Advice.FieldValue("label") String label) {
            Recorder.record("constructed", self.label() + "/" + label);
        }
    }

    static final class VoidAdvice {
        @Advice.OnMethodExit(onThrowable = true)
        static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                Recorder.record("nothing", "returned");
            }
        }
    }

    static final class TryAdvice {
        @Advice.OnMethodEnter
        static void enter() {
            try {
                Recorder.record("try", "");
            } catch (RuntimeException e) {
                Recorder.record("caught", e);
            }
        }
    }

    @BeforeEach
    void reset() {
        Recorder.SEEN.clear();
        Recorder.fail = false;
    }

    private static final String TARGET = Target.class.getName();

    private static Class<?> woven(Hook... hooks) throws Exception {
        byte[] original;
        try (InputStream in = AdviceWeaverTest.class.getResourceAsStream("/" + TARGET.replace('.', '/') + ".class")) {
            original = in.readAllBytes();
        }
        byte[] bytes = new AdviceWeaver(AdviceWeaverTest.class.getClassLoader())
                .weave(original, AdviceWeaverTest.class.getClassLoader(), List.of(hooks));
        ClassLoader loader = new ClassLoader(AdviceWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(TARGET)) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> type = Class.forName(TARGET, true, loader);
        assertSame(loader, type.getClassLoader());
        return type;
    }

    private static Hook hook(Methods methods, String advice) {
        return new Hook(TARGET, methods, "AdviceWeaverTest$" + advice);
    }

    private static Object call(Object target, String name, Object... args) throws Throwable {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError(name);
    }

    private static Object newTarget(Class<?> type, String label) throws Exception {
        Constructor<?> constructor = type.getConstructor(String.class);
        return constructor.newInstance(label);
    }

    @Test
    void enterAndExitSeeArgumentsFieldsTheEnterValueAndTheResult() throws Throwable {
        Object target = newTarget(woven(hook(Methods.method("sum"), "SumAdvice")), "a");
        assertEquals(10L + 0 + 2 + 4 + 6 + 8, call(target, "sum", 5, 10L, 2.0, "t"));
        assertEquals(List.of("enter=5/10/2.0/t/7/true", "self=target", "exit=token:target/30/null"), Recorder.SEEN);
    }

    @Test
    void anExceptionPassesThroughUnchangedAndTheExitSeesIt() throws Throwable {
        Object target = newTarget(woven(hook(Methods.method("sum"), "SumAdvice")), "a");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> call(target, "sum", 5, 0L, 1.0, null));
        assertEquals("no tag", thrown.getMessage());
        assertEquals("exit=token:target/0/no tag", Recorder.SEEN.get(2));
    }

    @Test
    void failingAdviceIsDroppedAndTheMethodRunsAsBefore() throws Throwable {
        Object target = newTarget(woven(hook(Methods.method("sum"), "SumAdvice")), "a");
        Recorder.fail = true;
        assertEquals(13L, call(target, "sum", 2, 10L, 3.0, "t"));
        assertThrows(IllegalArgumentException.class, () -> call(target, "sum", 5, 0L, 1.0, null));
    }

    @Test
    void staticMethodsWithABackwardJumpToTheirFirstInstructionAndTwoHooksOnOneMethod() throws Throwable {
        Class<?> type = woven(hook(Methods.method("twice"), "TwiceAdvice"), hook(Methods.method("twice"), "SecondTwiceAdvice"));
        assertEquals("abab", type.getMethod("twice", String.class).invoke(null, "ab"));
        assertEquals(List.of("twice=ab", "twice returned=abab/null", "second=abab"), Recorder.SEEN);
    }

    @Test
    void constructorsGetTheirArgumentsBeforeAndTheReceiverAfter() throws Throwable {
        Object target = newTarget(woven(hook(Methods.constructor(), "ConstructorAdvice")), "made");
        assertEquals("made", call(target, "label"));
        assertEquals(List.of("constructing=made", "constructed=made/made"), Recorder.SEEN);
    }

    @Test
    void voidMethodsAndUnmatchedMethods() throws Throwable {
        Class<?> type = woven(hook(Methods.method("nothing"), "VoidAdvice"));
        call(newTarget(type, "x"), "nothing");
        assertEquals(List.of("nothing=returned"), Recorder.SEEN);
        byte[] original;
        try (InputStream in = AdviceWeaverTest.class.getResourceAsStream("/" + TARGET.replace('.', '/') + ".class")) {
            original = in.readAllBytes();
        }
        assertArrayEquals(original, new AdviceWeaver(getClass().getClassLoader())
                .weave(original, null, List.of(hook(Methods.method("absent"), "VoidAdvice"))));
    }

    @Test
    void adviceWithATryBlockIsRefused() throws IOException {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> woven(hook(Methods.method("nothing"), "TryAdvice")));
        assertTrue(refused.getMessage().contains("try block"), refused.getMessage());
    }
}
