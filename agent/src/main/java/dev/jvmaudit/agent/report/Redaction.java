package dev.jvmaudit.agent.report;

import java.net.URI;
import java.util.regex.Pattern;

/** Keeps secrets out of log lines. */
public final class Redaction {

    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#].*", Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Redaction() {
    }

    /** A URL without user-info, query or fragment: {@code http://user:pw@host/a?token=x} becomes {@code http://host/a}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.isOpaque() || uri.getScheme() == null) {
                return fallback(url);
            }
            String host = uri.getRawAuthority() == null ? null : hostAndPort(uri.getRawAuthority());
            return uri.getScheme() + "://" + (host == null ? "" : host) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (Exception e) {
            return fallback(url);
        }
    }

    private static String hostAndPort(String authority) {
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }

    /** For what {@link URI} rejects: the authority (after "://", or from the start) loses everything up to its last '@'. */
    private static String fallback(String url) {
        String noQuery = QUERY_OR_FRAGMENT.matcher(url).replaceFirst("");
        int scheme = noQuery.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = noQuery.indexOf('/', authorityStart);
        String authority = noQuery.substring(authorityStart, authorityEnd < 0 ? noQuery.length() : authorityEnd);
        int at = authority.lastIndexOf('@');
        String noSecrets = at < 0 ? noQuery
                : noQuery.substring(0, authorityStart) + noQuery.substring(authorityStart + at + 1);
        return CONTROL.matcher(noSecrets).replaceAll("?");
    }
}
