package dev.jvmaudit.agent;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook table names its advice and methods as data: each name must resolve, as a class reference would. */
class HookTableTest {

    private static List<Hook> allHooks() {
        List<Hook> hooks = new ArrayList<>();
        for (Family family : Installer.allFamilies(null)) {
            hooks.addAll(family.hooks());
        }
        return hooks;
    }

    @Test
    void everyRowNamesAnAdviceClassWithAdviceMethods() throws Exception {
        for (Hook hook : allHooks()) {
            Class<?> advice = Class.forName(hook.adviceClassName());
            boolean annotated = Stream.of(advice.getDeclaredMethods()).anyMatch(m ->
                    m.isAnnotationPresent(Advice.OnMethodEnter.class) || m.isAnnotationPresent(Advice.OnMethodExit.class));
            assertTrue(annotated, hook.adviceClassName() + " has no @OnMethodEnter or @OnMethodExit");
        }
    }

    @Test
    void everyAdviceClassOfTheAgentIsInTheTable() throws IOException {
        Set<String> named = new HashSet<>();
        allHooks().forEach(h -> named.add(h.adviceClassName()));
        Path classes = Path.of("target", "classes", "dev", "jvmaudit", "agent");
        try (Stream<Path> files = Files.walk(classes)) {
            files.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith("Advice.class") && !n.equals("Advice.class"))
                    .map(n -> "dev.jvmaudit.agent." + n.replace('/', '.').replace(".class", ""))
                    .forEach(n -> assertTrue(named.contains(n), n + " is not in any family's hook table"));
        }
    }

    /** Matchers built from the table find methods in each hooked class this JDK has: a misspelt name finds none. */
    @Test
    void everyRowOnAJdkClassMatchesAMethodOfIt() {
        int checked = 0;
        for (Hook hook : allHooks()) {
            Class<?> type;
            try {
                type = Class.forName(hook.className(), false, null);
            } catch (ClassNotFoundException notInThisJdkOrALibrary) {
                continue;
            }
            assertFalse(names(type, hook.methods()).isEmpty(), hook + " matches no method of " + type);
            checked++;
        }
        assertTrue(checked > 30, "only " + checked + " rows on JDK classes");
    }

    @Test
    void matcherTakesEveryPartOfTheDescription() throws Exception {
        Class<?> thread = Thread.class;
        assertEquals(List.of("start()"), names(thread, Methods.method("start").arity(0)));
        assertEquals(List.of("join(long,int)"), names(thread, Methods.method("join").parameters(long.class, int.class)));
        assertEquals(List.of("join(long)", "join(long,int)"), names(thread, Methods.method("join").arity(1, 2).parameter(0, long.class)));
        Class<?> string = String.class;
        assertEquals(List.of("<init>([C)"), names(string, Methods.constructor().arity(1).parameter(0, char[].class)));
        assertFalse(names(string, Methods.constructor().arity(1).parameter(0, "java.lang.StringBuilder")).isEmpty());
        assertEquals(List.of("<init>(java.lang.StringBuilder)"),
                names(string, Methods.constructor().arity(1).parameter(0, "java.lang.StringBuilder")));
    }

    /** The declared methods and constructors of {@code type} that {@code methods} matches, by their class-file descriptors. */
    private static List<String> names(Class<?> type, Methods methods) {
        List<Executable> declared = new ArrayList<>(List.of(type.getDeclaredMethods()));
        declared.addAll(List.of(type.getDeclaredConstructors()));
        List<String> names = new ArrayList<>();
        for (Executable e : declared) {
            String name = e instanceof Method ? e.getName() : "<init>";
            String descriptor = e instanceof Method m ? Type.getMethodDescriptor(m) : Type.getConstructorDescriptor((Constructor<?>) e);
            if (methods.matches(name, descriptor)) {
                StringBuilder s = new StringBuilder(name).append('(');
                for (int i = 0; i < e.getParameterCount(); i++) {
                    s.append(i == 0 ? "" : ",").append(e.getParameterTypes()[i].getName());
                }
                names.add(s.append(')').toString());
            }
        }
        names.sort(null);
        return names;
    }
}
