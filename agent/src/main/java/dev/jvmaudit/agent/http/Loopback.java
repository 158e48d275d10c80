package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.report.Redaction;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback as written in the URL: {@code localhost}, {@code *.localhost}, 127.0.0.0/8, {@code ::1}. Never resolves a name. */
public final class Loopback {

    /** Authorities (as written between "://" and the path) seen so far, with their verdict; bounded. */
    private static final ConcurrentHashMap<String, Boolean> BY_AUTHORITY = new ConcurrentHashMap<>();
    static final int MAX_CACHED = 256;
    /** The last authority asked about: a service talks to few hosts, so this usually answers without allocating. */
    private static volatile Verdict last;

    private Loopback() {
    }

    /**
     * The same verdict as {@code isLoopback(hostOf(Redaction.url(rawUrl)))}, cached per authority as written (the
     * characters between "://" and the first of "/?#"): the host is a function of the authority alone, so a request
     * to a known authority costs a scan of the URL's characters and no parse, the last URL's own string a comparison.
     */
    static boolean isLoopbackUrl(String rawUrl) {
        if (rawUrl == null) {
            return false;
        }
        Verdict v = last;
        if (v != null && v.url == rawUrl) {
            return v.loopback;
        }
        int start = rawUrl.indexOf("://");
        if (start < 0) {
            return isLoopback(hostOf(Redaction.url(rawUrl)));
        }
        start += 3;
        int end = start;
        while (end < rawUrl.length() && !endsAuthority(rawUrl.charAt(end))) {
            end++;
        }
        if (v != null && v.authority.length() == end - start && rawUrl.regionMatches(start, v.authority, 0, end - start)) {
            return v.loopback;
        }
        String authority = rawUrl.substring(start, end);
        Boolean cached = BY_AUTHORITY.get(authority);
        boolean loopback;
        if (cached != null) {
            loopback = cached;
        } else {
            loopback = isLoopback(hostOf(Redaction.url(rawUrl)));
            if (BY_AUTHORITY.size() < MAX_CACHED) {
                BY_AUTHORITY.putIfAbsent(authority, loopback);
            }
        }
        last = new Verdict(rawUrl, authority, loopback);
        return loopback;
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#';
    }

    static int cachedAuthorities() {
        return BY_AUTHORITY.size();
    }

    /** The last URL looked up, and its authority: a request built on a kept URI sends its very string again. */
    private record Verdict(String url, String authority, boolean loopback) {
    }

    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return isIpv4Loopback(h);
    }

    /** Four dot-separated groups of 1-3 digits, each at most 255, the first 127; scanned without splitting. */
    static boolean isIpv4Loopback(String h) {
        if (!h.startsWith("127.")) {
            return false;
        }
        int groups = 0;
        int i = 0;
        int n = h.length();
        while (true) {
            int value = 0;
            int digits = 0;
            while (i < n && h.charAt(i) != '.') {
                char c = h.charAt(i);
                if (!Character.isDigit(c) || ++digits > 3) {
                    return false;
                }
                value = value * 10 + Character.digit(c, 10);
                i++;
            }
            if (digits == 0 || value > 255) {
                return false;
            }
            groups++;
            if (i == n) {
                return groups == 4;
            }
            i++; // the dot
        }
    }

    /** The host of a URL as written, or null; no lookup. */
    static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            if (host != null) {
                return host;
            }
        } catch (Exception ignored) {
            // fall through to the plain parse
        }
        int start = url.indexOf("://");
        if (start < 0) {
            return null;
        }
        String rest = url.substring(start + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** True when the URL is http:// (any case). */
    static boolean isCleartext(String url) {
        return url != null && url.regionMatches(true, 0, "http://", 0, 7);
    }
}
