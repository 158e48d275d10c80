package dev.jvmaudit.agent;

import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Reporter;
import dev.jvmaudit.bootstrap.Guard;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain transformer keyed by exact class names: a class not in the hook table costs one map lookup (an application
 * class, also the scan of its constant pool for {@link CallSiteTagger tagged calls}); a hooked class comes from the
 * transform cache or gets its advice inlined by {@link AdviceWeaver}, which reads nothing but class files (no class
 * is loaded while transforming) and is only set up on the first cache miss.
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
    /** Null when no enabled family tags calls. */
    private final CallSiteTagger tagger;
    private final TransformCache cache;
    private final Reporter reporter;
    private volatile AdviceWeaver weaver;
    /** (loader, class) pairs this transformer has woven: a class first loaded inside a transformation never is. */
    private final Set<String> woven = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The woven and the tagged ones whose bytes are in the transform cache: what {@code prepare} reports. */
    private final Set<String> cached = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Binary names of the application classes whose calls were tagged: a detach restores them too. */
    private final Set<String> tagged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    HookTransformer(List<Family> families, TransformCache cache, Reporter reporter) {
        this.cache = cache;
        this.reporter = reporter;
        List<TaggedCall> calls = new ArrayList<>();
        for (Family family : families) {
            calls.addAll(family.taggedCalls());
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
        this.tagger = calls.isEmpty() ? null : new CallSiteTagger(calls);
    }

    /** Binary names of every hooked class. */
    Set<String> classNames() {
        Set<String> names = new HashSet<>();
        for (String internalName : targets.keySet()) {
            names.add(internalName.replace('/', '.'));
        }
        return names;
    }

    /** Binary names of every class a detach retransforms: the hooked ones and the tagged ones. */
    Set<String> transformedClassNames() {
        Set<String> names = classNames();
        names.addAll(tagged);
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
        // the name first: reading the flag initializes CallSites (a stack walker, a stack trace), a first finding's work
        if (internalName.startsWith("org/python/") && !CallSites.jythonLoaded) {
            CallSites.jythonLoaded = true;
        }
        Target target = targets.get(internalName);
        if (target == null) {
            return tagger != null && tagger.mayTag(module, loader, internalName) ? tagged(loader, internalName, classfileBuffer) : null;
        }
        boolean entered = Guard.enter();
        try {
            boolean jdkClass = loader == null || loader == PLATFORM;
            byte[] bytes = cache == null ? null : cache.get(internalName, target.adviceNames(), classfileBuffer, jdkClass);
            boolean inCache = bytes != null;
            if (bytes == null) {
                bytes = weaver().weave(classfileBuffer, loader, target.hooks());
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

    /** An application class with its calls tagged, or null when it makes no tagged call. */
    private byte[] tagged(ClassLoader loader, String internalName, byte[] classfileBuffer) {
        boolean entered = Guard.enter();
        try {
            if (!tagger.callsTagged(classfileBuffer) || !tagger.mayTagCalling(loader, internalName)) {
                return null;
            }
            byte[] bytes = cache == null ? null : cache.get(internalName, tagger.cacheKey(), classfileBuffer, false);
            boolean inCache = bytes != null;
            if (bytes == null) {
                bytes = tagger.tag(classfileBuffer);
                if (bytes == null) {
                    return null;
                }
                inCache = cache != null && cache.put(internalName, tagger.cacheKey(), classfileBuffer, false, bytes);
            }
            String name = internalName.replace('/', '.');
            tagged.add(name);
            if (inCache) {
                cached.add(key(loader, name));
            }
            return bytes;
        } catch (Throwable t) {
            reporter.agentError("install", t);
            return null;
        } finally {
            if (entered) {
                Guard.exit();
            }
        }
    }

    /**
     * For {@code prepare}: an application class read from the class path, tagged and stored in the cache as its first
     * load by {@code loader} would be; false when it makes no tagged call, or was not stored.
     */
    boolean prepareTagged(ClassLoader loader, String internalName, byte[] classFile) {
        return tagger != null && tagger.mayTag(loader.getUnnamedModule(), loader, internalName)
                && tagged(loader, internalName, classFile) != null && cached.contains(key(loader, internalName.replace('/', '.')));
    }

    private AdviceWeaver weaver() {
        AdviceWeaver w = weaver;
        if (w == null) {
            synchronized (this) {
                w = weaver;
                if (w == null) {
                    w = new AdviceWeaver(HookTransformer.class.getClassLoader());
                    weaver = w;
                }
            }
        }
        return w;
    }
}
