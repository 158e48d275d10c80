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
        if (patterns.length == 0) {
            return false;
        }
        long present = characters(candidate, from);
        for (Pattern p : patterns) {
            if ((p.required & ~present) == 0 && p.matches(candidate, from)) {
                return true;
            }
        }
        return false;
    }

    /** One pattern, as written (no list, no trimming), through the same filter and matching as a parsed list. */
    static boolean matches(String pattern, String text) {
        return new Glob(new Pattern[] {Pattern.compile(pattern)}, pattern).matches(text, 0);
    }

    /**
     * Which characters occur in {@code text} from {@code from} on, lower-cased, one bit each for letters, digits and
     * {@code . - _}, one bit for all others: a pattern whose literal characters are not all there cannot match, and
     * most names are rejected by every pattern this way, without comparing a piece.
     */
    static long characters(String text, int from) {
        long present = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            present |= bit(c < 128 ? c : Character.toLowerCase(c));
        }
        return present;
    }

    private static long bit(char c) {
        if (c >= 'a' && c <= 'z') {
            return 1L << (c - 'a');
        }
        if (c >= 'A' && c <= 'Z') {
            return 1L << (c - 'A');
        }
        if (c >= '0' && c <= '9') {
            return 1L << (26 + c - '0');
        }
        return switch (c) {
            case '.' -> 1L << 36;
            case '-' -> 1L << 37;
            case '_' -> 1L << 38;
            default -> 1L << 63;
        };
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
    private record Pattern(String[] pieces, long required) {

        static Pattern compile(String glob) {
            StringBuilder lower = new StringBuilder(glob.length());
            long required = 0;
            for (int i = 0; i < glob.length(); i++) {
                char c = Character.toLowerCase(glob.charAt(i));
                lower.append(c);
                if (c != '*' && c != '?') {
                    required |= bit(c);
                }
            }
            return new Pattern(lower.toString().split("\\*", -1), required);
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

        /**
         * The first index in [from, limit - piece.length()] where the piece matches, or -1. Candidates are found by the
         * piece's first character, in either case, without lower-casing every character of the text.
         */
        private static int find(String text, int from, int limit, String piece) {
            if (piece.isEmpty()) {
                return from;
            }
            char first = piece.charAt(0);
            char upper = Character.toUpperCase(first);
            for (int i = from; i + piece.length() <= limit; i++) {
                char t = text.charAt(i);
                boolean candidate = first == '?' || t == first || t == upper || (t >= 128 && Character.toLowerCase(t) == first);
                if (candidate && at(text, i, piece)) {
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
