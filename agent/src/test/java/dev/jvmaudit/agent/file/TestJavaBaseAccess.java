package dev.jvmaudit.agent.file;

import dev.jvmaudit.agent.JavaBaseAccess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.invoke.MethodHandles;
import java.security.ProtectionDomain;

/**
 * Without the agent, the unit tests' lookups come from the test classes' own module, which surefire's argLine opens
 * the same packages to; registered for every test class (META-INF/services), before any of them builds file rules.
 */
public final class TestJavaBaseAccess implements JavaBaseAccess, BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        PrivateLookups.grantedBy(this);
    }

    @Override
    public void defineClass(ClassLoader loader, String name, byte[] classFile, ProtectionDomain domain, String source) {
        throw new UnsupportedOperationException("only the agent defines classes through java.base");
    }

    @Override
    public MethodHandles.Lookup privateLookupIn(Class<?> target) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(target, MethodHandles.lookup());
    }
}
