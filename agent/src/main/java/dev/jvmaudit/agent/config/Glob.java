package dev.jvmaudit.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A list of shell-style globs ({@code *}, {@code ?}), matched case-insensitively against whole strings. */
public final class Glob {

    private final List<Pattern> patterns;
    private final String source;

    private Glob(List<Pattern> patterns, String source) {
        this.patterns = patterns;
        this.source = source;
    }

    public static final Glob NONE = new Glob(List.of(), "");

    /** Parses {@code a;b;c}; blank entries are ignored. */
    public static Glob parse(String list) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : list.split(";")) {
            String g = glob.trim();
            if (!g.isEmpty()) {
                patterns.add(Pattern.compile(toRegex(g.toLowerCase(Locale.ROOT))));
            }
        }
        return new Glob(List.copyOf(patterns), list);
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    public boolean matches(String candidate) {
        if (candidate == null || patterns.isEmpty()) {
            return false;
        }
        String lower = candidate.toLowerCase(Locale.ROOT);
        for (Pattern p : patterns) {
            if (p.matcher(lower).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return source;
    }
}
