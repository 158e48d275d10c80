package dev.jvmaudit.agent;

import dev.jvmaudit.bootstrap.Guard;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A plain transformer keyed by exact class names: a class not in the hook table costs one map lookup; a hooked
 * class is described from its own bytes (nothing is loaded while transforming) and gets its advice inlined.
 */
final class HookTransformer implements ClassFileTransformer {

    private record Target(String family, AsmVisitorWrapper advice) {
    }

    private final Map<String, Target> targets = new HashMap<>();
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(InstrumentedType.Factory.Default.FROZEN)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final BiConsumer<String, Throwable> errors;

    HookTransformer(List<Family> families, BiConsumer<String, Throwable> errors) {
        this.errors = errors;
        ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(HookTransformer.class.getClassLoader());
        Map<String, List<AsmVisitorWrapper>> byClass = new HashMap<>();
        Map<String, String> familyOf = new HashMap<>();
        for (Family family : families) {
            for (Hook hook : family.hooks()) {
                String internalName = hook.className().replace('.', '/');
                byClass.computeIfAbsent(internalName, k -> new ArrayList<>())
                        .add(Advice.to(hook.advice(), adviceLocator).on(hook.methods()));
                familyOf.put(internalName, family.name());
            }
        }
        byClass.forEach((name, wrappers) -> targets.put(name,
                new Target(familyOf.get(name), wrappers.size() == 1 ? wrappers.get(0) : new AsmVisitorWrapper.Compound(wrappers))));
    }

    /** Binary names of every hooked class. */
    Set<String> classNames() {
        Set<String> names = new java.util.HashSet<>();
        targets.keySet().forEach(n -> names.add(n.replace('/', '.')));
        return names;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (internalName == null) {
            return null;
        }
        Target target = targets.get(internalName);
        if (target == null) {
            return null;
        }
        boolean entered = Guard.enter();
        try {
            String name = internalName.replace('/', '.');
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, classfileBuffer), ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
            return byteBuddy.redefine(pool.describe(name).resolve(), locator)
                    .visit(target.advice())
                    .make()
                    .getBytes();
        } catch (Throwable t) {
            errors.accept(target.family(), t);
            return null;
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }
}
