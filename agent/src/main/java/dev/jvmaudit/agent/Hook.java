package dev.jvmaudit.agent;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.function.Supplier;

/**
 * One row of the hook table: advice applied to the methods of one JDK or library class.
 *
 * @param className the class's binary name, e.g. {@code java.io.FileOutputStream}
 * @param methods   the hooked methods, built only when the class is woven: Byte Buddy's matchers cost a hundred
 *                  milliseconds of class loading that a start served from the transform cache never pays
 */
public record Hook(String className, Supplier<ElementMatcher<? super MethodDescription>> methods, Class<?> advice) {
}
