package example;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints what the JDK's modules grant this class-path program beyond their descriptors and two attempts to use it, then
 * writes a file of the default mode (which the agent reads through the JDK's fstat: its own access at work).
 */
public final class JdkEncapsulation {

    public static void main(String[] args) throws java.io.IOException {
        Module self = JdkEncapsulation.class.getModule();
        List<String> granted = new ArrayList<>();
        for (Module module : ModuleLayer.boot().modules()) {
            ModuleDescriptor descriptor = module.getDescriptor();
            for (String pkg : module.getPackages()) {
                boolean openToAll = descriptor.isOpen() || descriptor.opens().stream()
                        .anyMatch(opens -> opens.source().equals(pkg) && !opens.isQualified());
                boolean exportedToAll = descriptor.exports().stream()
                        .anyMatch(exports -> exports.source().equals(pkg) && !exports.isQualified());
                if (module.isOpen(pkg, self) && !openToAll) {
                    granted.add("opens " + module.getName() + "/" + pkg);
                } else if (module.isExported(pkg, self) && !exportedToAll) {
                    granted.add("exports " + module.getName() + "/" + pkg);
                }
            }
        }
        Collections.sort(granted);
        System.out.println("granted beyond the descriptors: " + granted);
        try {
            java.lang.reflect.Field path = java.io.File.class.getDeclaredField("path");
            path.setAccessible(true);
            System.out.println("java.io.File.path: readable");
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("java.io.File.path: " + e.getClass().getSimpleName());
        }
        try {
            Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
            System.out.println("SharedSecrets: callable");
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("SharedSecrets: " + e.getClass().getSimpleName());
        }
        try (java.io.FileOutputStream state = new java.io.FileOutputStream("state.txt")) {
            state.write('1');
        }
    }
}
