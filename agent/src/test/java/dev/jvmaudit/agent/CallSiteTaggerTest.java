package dev.jvmaudit.agent;

import dev.jvmaudit.agent.file.FileFamily;
import dev.jvmaudit.agent.http.HttpFamily;
import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.bootstrap.WaitingTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSiteTaggerTest {

    private static final CallSiteTagger TAGGER = new CallSiteTagger(allTaggedCalls());

    private static List<TaggedCall> allTaggedCalls() {
        List<TaggedCall> calls = new ArrayList<>(new FileFamily().taggedCalls());
        calls.addAll(new HttpFamily().taggedCalls());
        return calls;
    }

    /** A file whose path, read by the FileOutputStream constructor, takes the tag waiting for it at that moment. */
    public static final class WatchedFile extends File {
        public static String tagWhileOpening;

        public WatchedFile(String path) {
            super(path);
        }

        @Override
        public String getPath() {
            String tag = WaitingTags.takeFile(this);
            if (tag != null) {
                tagWhileOpening = tag; // FileOutputStream reads the path twice
            }
            return super.getPath();
        }
    }

    public static final class Opener {
        public static int lineOfOpen;

        public static void open(File file) throws IOException {
            lineOfOpen = line(); FileOutputStream out = new FileOutputStream(file);
            out.close();
        }

        private static int line() {
            return new Throwable().getStackTrace()[1].getLineNumber();
        }
    }

    /** One, two and three arguments: each copy of the first leaves the others where the call expects them. */
    public static final class Writers {
        public static void write(File file) throws IOException {
            try (java.io.FileWriter one = new java.io.FileWriter(file)) {
                one.write("one");
            }
            try (java.io.FileWriter two = new java.io.FileWriter(file, true)) {
                two.write(",two");
            }
            try (java.io.FileWriter three = new java.io.FileWriter(file, java.nio.charset.StandardCharsets.UTF_8, true)) {
                three.write(",three");
            }
        }
    }

    public static final class NoOpens {
        public static String print() {
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text);
            out.print("no file");
            System.out.print("");
            return text.toString();
        }
    }

    public static final class Sender {
        public static Object send(HttpClient client) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void onlyClassesCallingATaggedMethodAreParsed() throws IOException {
        assertTrue(TAGGER.callsTagged(bytesOf(Opener.class)));
        assertTrue(TAGGER.callsTagged(bytesOf(Sender.class)));
        assertTrue(TAGGER.callsTagged(bytesOf(Writers.class)));
        assertFalse(TAGGER.callsTagged(bytesOf(NoOpens.class)), "PrintWriter(Writer) and println open no file");
        assertNull(TAGGER.tag(bytesOf(NoOpens.class)));
    }

    @Test
    void theOpenSeesItsOwnCallSite(@TempDir Path dir) throws Exception {
        Class<?> tagged = new TaggedLoader(Opener.class).loadClass(Opener.class.getName());
        Method open = tagged.getMethod("open", File.class);
        WatchedFile.tagWhileOpening = null;

        open.invoke(null, new WatchedFile(dir.resolve("a.dat").toString()));

        int line = (int) tagged.getField("lineOfOpen").get(null);
        String tag = WatchedFile.tagWhileOpening;
        assertNotNull(tag, "the tag waits, with the call's first argument, while the constructor runs");
        assertEquals(new CallSite(Opener.class.getName(), "open", "CallSiteTaggerTest.java", line), CallSite.ofTag(tag));
    }

    @Test
    void everyArgumentReachesTheCallUnchanged(@TempDir Path dir) throws Exception {
        Class<?> tagged = new TaggedLoader(Writers.class).loadClass(Writers.class.getName());
        Path file = dir.resolve("w.txt");
        tagged.getMethod("write", File.class).invoke(null, file.toFile());
        assertEquals("one,two,three", java.nio.file.Files.readString(file));
    }

    @Test
    void theUntaggedClassLeavesNoTag(@TempDir Path dir) throws Exception {
        WatchedFile.tagWhileOpening = null;
        Opener.open(new WatchedFile(dir.resolve("b.dat").toString()));
        assertNull(WatchedFile.tagWhileOpening);
    }

    @Test
    void tagsRoundTrip() {
        CallSite site = new CallSite("com.acme.Store", "<init>", null, -1);
        assertEquals(site, CallSite.ofTag(CallSite.tag("com.acme.Store", "<init>", null, -1)));
        assertEquals("com.acme.Store.save(Store.java:42)",
                CallSite.ofTag(CallSite.tag("com.acme.Store", "save", "Store.java", 42)).toString());
        assertNull(CallSite.ofTag("com.acme.Store\nsave\n"));
    }

    @Test
    void theAgentAndTheJdkAreNeverTagged() {
        ClassLoader app = getClass().getClassLoader();
        assertTrue(TAGGER.mayTag(getClass().getModule(), app, "com/acme/Store"));
        assertFalse(TAGGER.mayTag(getClass().getModule(), app, "dev/jvmaudit/agent/file/FileRules"));
        assertFalse(TAGGER.mayTag(getClass().getModule(), app, "ch/qos/logback/core/FileAppender"));
        assertFalse(TAGGER.mayTag(Object.class.getModule(), null, "java/io/FileWriter"));
        assertFalse(TAGGER.mayTagCalling(app, "org/python/core/PyFile"));
        assertFalse(TAGGER.mayTagCalling(app, "monitor$py"));
        assertTrue(TAGGER.mayTagCalling(app, "com/acme/Store"));
        assertFalse(TAGGER.mayTagCalling(new ClassLoader(null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                throw new ClassNotFoundException(name); // delegates to nobody, as some module systems' loaders do
            }
        }, "com/acme/Store"));
        assertFalse(TAGGER.mayTag(Object.class.getModule(), app, "com/acme/InANamedModule"));
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines one class from its tagged bytes; everything else comes from the test's loader. */
    private static final class TaggedLoader extends ClassLoader {
        private final Class<?> original;

        TaggedLoader(Class<?> original) {
            super(original.getClassLoader());
            this.original = original;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(original.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        byte[] bytes = TAGGER.tag(bytesOf(original));
                        assertNotNull(bytes, name + " calls a tagged method");
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
