package dev.jvmaudit.agent;

import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.bootstrap.Guard;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain transformer keyed by exact class names: a class not in the hook table costs one map lookup; a hooked
 * class comes from the transform cache or is described from its own bytes (nothing is loaded while transforming)
 * and gets its advice inlined. Byte Buddy itself is only loaded on a cache miss.
 */
final class HookTransformer implements ClassFileTransformer {

    private record Target(String family, List<Hook> hooks) {
        /** Which advice a cached entry was made with: the hook set depends on the options. */
        String adviceNames() {
            StringBuilder names = new StringBuilder();
            for (Hook hook : hooks) {
                names.append(hook.adviceClassName()).append(';');
            }
            return names.toString();
        }
    }

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final Map<String, Target> targets = new HashMap<>();
    private final TransformCache cache;
    /** Puts Byte Buddy on the class path, before the first cache miss needs it. */
    private final Runnable libraries;
    private final Reporter reporter;
    private volatile Weaver weaver;
    /** (loader, class) pairs this transformer has woven: a class first loaded inside a transformation never is. */
    private final Set<String> woven = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The woven ones whose bytes are in the transform cache: what {@code prepare} reports. */
    private final Set<String> cached = java.util.concurrent.ConcurrentHashMap.newKeySet();

    HookTransformer(List<Family> families, TransformCache cache, Reporter reporter, Runnable libraries) {
        this.cache = cache;
        this.libraries = libraries;
        this.reporter = reporter;
        for (Family family : families) {
            for (Hook hook : family.hooks()) {
                String internalName = hook.className().replace('.', '/');
                Target target = targets.get(internalName);
                if (target == null) {
                    target = new Target(family.name(), new ArrayList<>());
                    targets.put(internalName, target);
                }
                target.hooks().add(hook);
            }
        }
    }

    /** Binary names of every hooked class. */
    Set<String> classNames() {
        Set<String> names = new HashSet<>();
        for (String internalName : targets.keySet()) {
            names.add(internalName.replace('/', '.'));
        }
        return names;
    }

    /** Whether this loaded class carries its advice. */
    boolean isWoven(Class<?> type) {
        return woven.contains(key(type.getClassLoader(), type.getName()));
    }

    /** Whether this loaded class was woven and its woven bytes are in the transform cache. */
    boolean isCached(Class<?> type) {
        return cached.contains(key(type.getClassLoader(), type.getName()));
    }

    /** The transform cache's directory, or null when there is no cache. */
    java.nio.file.Path cacheDirectory() {
        return cache == null ? null : cache.directory();
    }

    private static String key(ClassLoader loader, String name) {
        return System.identityHashCode(loader) + ":" + name;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (internalName == null) {
            return null;
        }
        if (!CallSites.jythonLoaded && internalName.startsWith("org/python/")) {
            CallSites.jythonLoaded = true;
        }
        Target target = targets.get(internalName);
        if (target == null) {
            return null;
        }
        boolean entered = Guard.enter();
        try {
            boolean jdkClass = loader == null || loader == PLATFORM;
            byte[] bytes = cache == null ? null : cache.get(internalName, target.adviceNames(), classfileBuffer, jdkClass);
            boolean inCache = bytes != null;
            if (bytes == null) {
                bytes = weaver().weave(internalName, loader, classfileBuffer, target.hooks());
                inCache = cache != null && cache.put(internalName, target.adviceNames(), classfileBuffer, jdkClass, bytes);
            }
            String key = key(loader, internalName.replace('/', '.'));
            woven.add(key);
            if (inCache) {
                cached.add(key);
            }
            return bytes;
        } catch (Throwable t) {
            reporter.agentError(target.family(), t);
            return null;
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }

    private Weaver weaver() {
        Weaver w = weaver;
        if (w == null) {
            synchronized (this) {
                w = weaver;
                if (w == null) {
                    libraries.run();
                    w = new Weaver();
                    weaver = w;
                }
            }
        }
        return w;
    }

    /**
     * Byte Buddy's {@code Advice}, set up on the first cache miss and applied straight to an ASM reader/writer pair:
     * the class is read once, only the hooked methods are rewritten, and none of Byte Buddy's type-building machinery
     * (a few hundred classes on a cold start) is loaded.
     */
    static final class Weaver {
        private final ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(HookTransformer.class.getClassLoader());
        /** Advice classes are described from their bytes, as the hooked classes are: reflection would cost more classes. */
        private final TypePool advicePool = TypePool.Default.of(adviceLocator);
        private final Map<String, AsmVisitorWrapper> advice = new java.util.concurrent.ConcurrentHashMap<>();

        byte[] weave(String internalName, ClassLoader loader, byte[] original, List<Hook> hooks) {
            String name = internalName.replace('/', '.');
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, original), ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
            TypeDescription type = pool.describe(name).resolve();
            AsmVisitorWrapper wrapper = advice.computeIfAbsent(internalName, n -> adviceFor(hooks));
            int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
            int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
            ClassReader reader = OpenedClassReader.of(original);
            ClassWriter writer = new ClassWriter(reader, writerFlags);
            ClassFileVersion version = ClassFileVersion.ofClassFile(original);
            Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type, null,
                    TypeInitializer.None.INSTANCE, version, version,
                    (readerFlags & ClassReader.EXPAND_FRAMES) != 0
                            ? Implementation.Context.FrameGeneration.EXPAND : Implementation.Context.FrameGeneration.GENERATE);
            reader.accept(wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(), type.getDeclaredMethods(),
                    writerFlags, readerFlags), readerFlags);
            return writer.toByteArray();
        }

        private AsmVisitorWrapper adviceFor(List<Hook> hooks) {
            List<AsmVisitorWrapper> wrappers = new ArrayList<>();
            for (Hook hook : hooks) {
                wrappers.add(Advice.to(advicePool.describe(hook.adviceClassName()).resolve(), adviceLocator)
                        .on(matcher(hook.methods())));
            }
            return wrappers.size() == 1 ? wrappers.get(0) : new AsmVisitorWrapper.Compound(wrappers);
        }

        static ElementMatcher.Junction<MethodDescription> matcher(Methods methods) {
            ElementMatcher.Junction<MethodDescription> matcher = methods.isConstructor()
                    ? ElementMatchers.isConstructor() : ElementMatchers.namedOneOf(methods.names);
            if (methods.arities.length > 0) {
                ElementMatcher.Junction<MethodDescription> arity = ElementMatchers.none();
                for (int count : methods.arities) {
                    arity = arity.or(ElementMatchers.takesArguments(count));
                }
                matcher = matcher.and(arity);
            }
            if (methods.parameters != null) {
                matcher = matcher.and(ElementMatchers.takesArguments(methods.parameters));
            }
            for (int i = 0; i < methods.typedPositions.length; i++) {
                Object type = methods.typedParameters[i];
                matcher = matcher.and(type instanceof Class<?> c
                        ? ElementMatchers.takesArgument(methods.typedPositions[i], c)
                        : ElementMatchers.takesArgument(methods.typedPositions[i], ElementMatchers.named((String) type)));
            }
            return matcher;
        }
    }
}
