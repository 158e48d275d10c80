package dev.jvmaudit.agent;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;
import java.util.Set;

import static dev.jvmaudit.agent.Methods.constructor;
import static dev.jvmaudit.agent.Methods.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodsTest {

    @Test
    void descriptorsAreSplitIntoTheirParameters() {
        assertEquals(List.of(), Methods.argumentDescriptors("()V"));
        assertEquals(List.of("Ljava/lang/String;", "Z"), Methods.argumentDescriptors("(Ljava/lang/String;Z)V"));
        assertEquals(List.of("[B", "I", "J", "[[Ljava/lang/Object;", "D"), Methods.argumentDescriptors("([BIJ[[Ljava/lang/Object;D)[I"));
    }

    @Test
    void matchingByNameArityAndTypes() {
        assertTrue(method("open").parameters(String.class, boolean.class).matches("open", "(Ljava/lang/String;Z)V"));
        assertFalse(method("open").parameters(String.class, boolean.class).matches("open", "(Ljava/lang/String;I)V"));
        assertFalse(method("open").parameters(String.class).matches("close", "(Ljava/lang/String;)V"));
        assertTrue(method("write").arity(1, 3).matches("write", "([BII)V"));
        assertFalse(method("write").arity(1, 3).matches("write", "([BI)V"));
        assertTrue(constructor().parameter(0, File.class).matches("<init>", "(Ljava/io/File;Ljava/lang/String;)V"));
        assertFalse(constructor().parameter(0, File.class).matches("<init>", "(Ljava/io/FileDescriptor;)V"));
        assertFalse(constructor().parameter(0, File.class).matches("<init>", "()V"));
        assertTrue(method("newByteChannel").parameter(1, Set.class).matches("newByteChannel",
                "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/SeekableByteChannel;"));
        assertTrue(constructor().arity(4).parameter(0, "javax.net.ssl.SSLSocketFactory").matches("<init>",
                "(Ljavax/net/ssl/SSLSocketFactory;[Ljava/lang/String;[Ljava/lang/String;Ljavax/net/ssl/HostnameVerifier;)V"));
    }
}
