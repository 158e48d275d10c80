package dev.jvmaudit.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of shell-style globs ({@code *}, {@code ?}), matched case-insensitively against whole strings. Matching
 * allocates nothing: it runs on every created file ({@code file.sensitive}).
 */
public final class Glob {

    private final List<String> patterns;
    private final String source;

    private Glob(List<String> patterns, String source) {
        this.patterns = patterns;
        this.source = source;
    }

    public static final Glob NONE = new Glob(List.of(), "");

    /** Parses {@code a;b;c}; blank entries are ignored. */
    public static Glob parse(String list) {
        List<String> patterns = new ArrayList<>();
        for (String glob : list.split(";")) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                patterns.add(g);
            }
        }
        return new Glob(List.copyOf(patterns), list);
    }

    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (matches(patterns.get(i), candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Classic wildcard matching with backtracking to the last star: linear in practice, no allocation. */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return source;
    }
}
