package dev.jvmaudit.agent.report;

import java.net.URI;
import java.util.regex.Pattern;

/** Keeps secrets out of log lines. */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@]*@");
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

    private static String fallback(String url) {
        String noSecrets = QUERY_OR_FRAGMENT.matcher(USER_INFO.matcher(url).replaceFirst("")).replaceFirst("");
        return CONTROL.matcher(noSecrets).replaceAll("?");
    }
}
