package dev.jvmaudit.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of shell-style globs ({@code *}, {@code ?}), matched case-insensitively against whole strings. Matching
 * allocates nothing and compares each pattern's literal pieces directly: it runs on every created file
 * ({@code file.sensitive}).
 */
public final class Glob {

    private final Pattern[] patterns;
    private final String source;

    private Glob(Pattern[] patterns, String source) {
        this.patterns = patterns;
        this.source = source;
    }

    public static final Glob NONE = new Glob(new Pattern[0], "");

    /** Parses {@code a;b;c}; blank entries are ignored. */
    public static Glob parse(String list) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : list.split(";")) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                patterns.add(Pattern.compile(g));
            }
        }
        return new Glob(patterns.toArray(new Pattern[0]), list);
    }

    public boolean matches(String candidate) {
        return candidate != null && matches(candidate, 0);
    }

    /** Whether {@code candidate} from index {@code from} on (a file name at the end of a path) matches. */
    public boolean matches(String candidate, int from) {
        for (Pattern p : patterns) {
            if (p.matches(candidate, from)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String text) {
        return Pattern.compile(pattern).matches(text, 0);
    }

    public boolean isEmpty() {
        return patterns.length == 0;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * One glob as the literal pieces between its stars, lower-cased. The first piece must start the text, the last
     * must end it, and those between are found leftmost in order: with pieces of fixed length that never backtracks.
     */
    private record Pattern(String[] pieces) {

        static Pattern compile(String glob) {
            StringBuilder lower = new StringBuilder(glob.length());
            for (int i = 0; i < glob.length(); i++) {
                lower.append(Character.toLowerCase(glob.charAt(i)));
            }
            return new Pattern(lower.toString().split("\\*", -1));
        }

        boolean matches(String text, int from) {
            int end = text.length();
            String first = pieces[0];
            if (pieces.length == 1) {
                return end - from == first.length() && at(text, from, first);
            }
            if (end - from < first.length() || !at(text, from, first)) {
                return false;
            }
            int pos = from + first.length();
            String last = pieces[pieces.length - 1];
            int lastAt = end - last.length();
            if (lastAt < pos || !at(text, lastAt, last)) {
                return false;
            }
            for (int i = 1; i < pieces.length - 1; i++) {
                String piece = pieces[i];
                int found = find(text, pos, lastAt, piece);
                if (found < 0) {
                    return false;
                }
                pos = found + piece.length();
            }
            return true;
        }

        /** The first index in [from, limit - piece.length()] where the piece matches, or -1. */
        private static int find(String text, int from, int limit, String piece) {
            for (int i = from; i + piece.length() <= limit; i++) {
                if (at(text, i, piece)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean at(String text, int offset, String piece) {
            for (int i = 0; i < piece.length(); i++) {
                char p = piece.charAt(i);
                char t = text.charAt(offset + i);
                if (p != '?' && p != t && p != Character.toLowerCase(t)) {
                    return false;
                }
            }
            return true;
        }
    }
}
