package dev.jvmaudit.agent;

/**
 * One row of the hook table: advice applied to the methods of one JDK or library class.
 *
 * @param className the class's binary name, e.g. {@code java.io.FileOutputStream}
 * @param methods   the hooked methods
 * @param advice    the advice class, relative to {@code dev.jvmaudit.agent} (e.g. {@code file.CloseAdvice}): named, not
 *                  referenced, so that a start served from the transform cache loads none of the advice classes
 */
public record Hook(String className, Methods methods, String advice) {

    /** The advice class's binary name. */
    public String adviceClassName() {
        return "dev.jvmaudit.agent." + advice;
    }
}
