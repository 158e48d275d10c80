package dev.jvmaudit.agent;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JVM that {@code java -jar audit.jar prepare} starts with the agent: loads every hooked class it can find, so
 * each is woven once and its bytes land in the transform cache, and copies the libraries the first finding needs
 * there too: the service's own first start is a warm one and writes nothing.
 */
public final class CachePreparer {

    private CachePreparer() {
    }

    public static void main(String[] args) {
        Installation installation = Installer.active();
        if (installation == null) {
            System.out.println("audit: the agent did not install in the preparing JVM (see the line above); nothing prepared");
            System.exit(1);
        }
        HookTransformer transformer = installation.transformer();
        Path directory = transformer.cacheDirectory();
        if (directory == null) {
            System.out.println("audit: no transform cache to prepare: cache=false, or the cache directory is not this user's"
                    + " own or is writable by others");
            System.exit(1);
        }
        installation.copyLibraries();
        Set<String> absent = new TreeSet<>();
        Set<String> failed = new TreeSet<>();
        int cached = 0;
        for (String name : new TreeSet<>(transformer.classNames())) {
            Class<?> type;
            try {
                type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException | LinkageError notHere) {
                absent.add(name);
                continue;
            }
            if (transformer.isCached(type)) {
                cached++;
            } else {
                failed.add(name);
            }
        }
        System.out.println("audit: transform cache " + directory + ": " + cached + " hooked classes woven and stored");
        for (String name : absent) {
            System.out.println("  not found  " + name + " (not on this JDK or class path: woven when first loaded)");
        }
        for (String name : failed) {
            System.out.println("  NOT STORED " + name + " (see audit_agent_errors_total; the agent transforms it at every start)");
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
