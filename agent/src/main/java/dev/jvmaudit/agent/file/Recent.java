package dev.jvmaudit.agent.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the file rules remember of files they saw: the most recently used entries only, so memory stays bounded. */
final class Recent {

    private Recent() {
    }

    /** A thread-safe map that forgets its least recently used entry beyond {@code max}. */
    static <K, V> Map<K, V> map(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
