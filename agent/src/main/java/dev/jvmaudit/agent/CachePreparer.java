package dev.jvmaudit.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The JVM that {@code java -jar audit.jar prepare} starts with the agent: loads every hooked class it can find, so
 * each is woven once and its bytes land in the transform cache, tags the application classes on the class path that
 * make tagged calls and stores them there too, and copies the libraries the first finding needs: the service's own
 * first start is a warm one and writes nothing.
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
        int tagged = tagClassPath(transformer);
        System.out.println("audit: transform cache " + directory + ": " + cached + " hooked classes woven and stored, "
                + tagged + " application classes tagged and stored");
        for (String name : absent) {
            System.out.println("  not found  " + name + " (not on this JDK or class path: woven when first loaded)");
        }
        for (String name : failed) {
            System.out.println("  NOT STORED " + name + " (see audit_agent_errors_total; the agent transforms it at every start)");
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    /**
     * Reads every class of the class path (the agent's jar aside) and stores those that make tagged calls as their
     * first load will tag them; returns how many. Versioned entries of multi-release jars are left to that load.
     */
    private static int tagClassPath(HookTransformer transformer) {
        ClassLoader application = ClassLoader.getSystemClassLoader();
        Path agentJar = Path.of(CachePreparer.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toAbsolutePath();
        int tagged = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (entry.isEmpty() || path.equals(agentJar)) {
                continue;
            }
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            String name = path.relativize(file).toString();
                            if (isClass(name) && transformer.prepareTagged(application, internalName(name), Files.readAllBytes(file))) {
                                tagged++;
                            }
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    try (JarFile jar = new JarFile(path.toFile(), false)) {
                        for (JarEntry classFile : Collections.list(jar.entries())) {
                            String name = classFile.getName();
                            if (isClass(name)) {
                                try (InputStream in = jar.getInputStream(classFile)) {
                                    if (transformer.prepareTagged(application, internalName(name), in.readAllBytes())) {
                                        tagged++;
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                System.out.println("  not read   " + path + " (" + e.getMessage() + "): its classes are tagged when first loaded");
            }
        }
        return tagged;
    }

    private static String internalName(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length());
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                && !name.endsWith("package-info.class");
    }
}
