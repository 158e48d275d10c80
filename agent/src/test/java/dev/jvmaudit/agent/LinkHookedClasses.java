package dev.jvmaudit.agent;

import java.util.TreeSet;

/**
 * Loads and links every hooked class this JVM can find, so each is woven and then checked by the JVM's verifier:
 * linking is what verifies, and reflecting on a class's methods links it.
 */
public final class LinkHookedClasses {

    public static void main(String[] args) {
        TreeSet<String> names = new TreeSet<>();
        for (Family family : Installer.allFamilies(null)) {
            family.hooks().forEach(hook -> names.add(hook.className()));
        }
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
                System.out.println("linked " + name + " " + type.getDeclaredMethods().length);
            } catch (ClassNotFoundException absent) {
                System.out.println("absent " + name);
            } catch (LinkageError e) {
                System.out.println("FAILED " + name + " " + e);
            }
        }
    }
}
