package dev.jvmaudit.agent;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One row of the hook table: advice applied to the methods of one JDK or library class.
 *
 * @param className the class's binary name, e.g. {@code java.io.FileOutputStream}
 */
public record Hook(String className, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
}
