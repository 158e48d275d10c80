package dev.jvmaudit.agent;

/**
 * A call application code makes into the JDK (a file open, an HTTP send) whose call site a hook would otherwise capture
 * from the stack: {@link CallSiteTagger} hands the site to the hook as a constant instead.
 *
 * @param className the called method's class as the call names it, e.g. {@code java.io.FileOutputStream}
 * @param methods   the tagged methods of that class
 * @param kind      {@code file} or {@code http}: which of {@code SiteTags}' slots the site waits in
 */
public record TaggedCall(String className, Methods methods, String kind) {
}
