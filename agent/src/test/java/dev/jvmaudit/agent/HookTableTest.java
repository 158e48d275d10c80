package dev.jvmaudit.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
                    .filter(n -> n.endsWith("Advice.class"))
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
            TypeDescription description = TypeDescription.ForLoadedType.of(type);
            long matching = description.getDeclaredMethods().stream()
                    .filter(m -> HookTransformer.Weaver.matcher(hook.methods()).matches(m)).count();
            assertTrue(matching > 0, hook + " matches no method of " + type);
            checked++;
        }
        assertTrue(checked > 30, "only " + checked + " rows on JDK classes");
    }

    @Test
    void matcherTakesEveryPartOfTheDescription() throws Exception {
        TypeDescription thread = TypeDescription.ForLoadedType.of(Thread.class);
        assertEquals(List.of("start()"), names(thread, Methods.method("start").arity(0)));
        assertEquals(List.of("join(long,int)"), names(thread, Methods.method("join").parameters(long.class, int.class)));
        assertEquals(List.of("join(long)", "join(long,int)"), names(thread, Methods.method("join").arity(1, 2).parameter(0, long.class)));
        TypeDescription string = TypeDescription.ForLoadedType.of(String.class);
        assertFalse(names(string, Methods.constructor().arity(1).parameter(0, "java.lang.StringBuilder")).isEmpty());
        assertEquals(List.of("<init>(java.lang.StringBuilder)"),
                names(string, Methods.constructor().arity(1).parameter(0, "java.lang.StringBuilder")));
    }

    private static List<String> names(TypeDescription type, Methods methods) {
        List<String> names = new ArrayList<>();
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (HookTransformer.Weaver.matcher(methods).matches(m)) {
                StringBuilder s = new StringBuilder(m.getInternalName()).append('(');
                for (int i = 0; i < m.getParameters().size(); i++) {
                    s.append(i == 0 ? "" : ",").append(m.getParameters().get(i).getType().asErasure().getName());
                }
                names.add(s.append(')').toString());
            }
        }
        names.sort(null);
        return names;
    }
}
