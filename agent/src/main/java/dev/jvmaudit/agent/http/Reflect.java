package dev.jvmaudit.agent.http;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads library objects (Apache HttpClient 5, OkHttp) by name: the agent is never linked against a library, which may
 * live in any class loader (a fat jar's, a container's). Lookups are cached per class, so a request costs a few
 * cached reflective calls.
 */
final class Reflect {

    private static final ClassValue<ConcurrentHashMap<String, Optional<Object>>> MEMBERS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Optional<Object>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Reflect() {
    }

    /** True when the object's class has a public method of that name and arity. */
    static boolean has(Object target, String name, int arity) {
        return target != null && method(target.getClass(), name, arity) != null;
    }

    /** Calls a method by name and arity; null when there is none (or the target is null). */
    static Object call(Object target, String name, Object... args) {
        if (target == null) {
            return null;
        }
        Method m = method(target.getClass(), name, args.length);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + name + " on " + target.getClass().getName(), e);
        }
    }

    /** A field's value by name, looked up through the superclasses; null when there is none. */
    static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        Field f = field(target.getClass(), name);
        if (f == null) {
            return null;
        }
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + name + " of " + target.getClass().getName(), e);
        }
    }

    private static Method method(Class<?> type, String name, int arity) {
        String key = "m:" + name + "/" + arity;
        Optional<Object> cached = MEMBERS.get(type).computeIfAbsent(key, k -> Optional.ofNullable(findMethod(type, name, arity)));
        return (Method) cached.orElse(null);
    }

    private static Field field(Class<?> type, String name) {
        Optional<Object> cached = MEMBERS.get(type).computeIfAbsent("f:" + name, k -> Optional.ofNullable(findField(type, name)));
        return (Field) cached.orElse(null);
    }

    private static Method findMethod(Class<?> type, String name, int arity) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !m.isBridge()) {
                return accessible(m);
            }
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity) {
                return accessible(m);
            }
        }
        return null;
    }

    private static Method accessible(Method m) {
        try {
            m.setAccessible(true);
        } catch (RuntimeException notOpen) {
            // public method of a public class: invocable as it is
        }
        return m;
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException notOpen) {
                return null;
            }
        }
        return null;
    }

    /** A class by name, from the loader of an object of the same library. */
    static Class<?> classNamed(String name, Object sameLibrary) throws ClassNotFoundException {
        return Class.forName(name, false, sameLibrary.getClass().getClassLoader());
    }
}
