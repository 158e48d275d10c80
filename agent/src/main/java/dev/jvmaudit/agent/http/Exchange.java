package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.report.CallSite;
import dev.jvmaudit.agent.report.CallSites;
import dev.jvmaudit.agent.report.Redaction;

/**
 * One request as the application sent it: where (the first application frame, walked once and resolved to a line
 * only when reported), on which thread, to
 * which URL. Holds no reference to the request or the response. The URL is kept as the client printed it and is
 * redacted (and its host parsed) only when a finding needs it: {@link #url()} and {@link #host()} never expose the
 * raw form, and most requests are never reported.
 */
final class Exchange {

    private final String client;
    private final String method;
    private final String rawUrl;
    private final CallSites.Capture callSite;
    private final String thread;
    private String url;
    private String host;
    private boolean parsed;

    Exchange(String client, String method, String rawUrl, CallSites.Capture callSite, String thread) {
        this.client = client;
        this.method = method;
        this.rawUrl = rawUrl;
        this.callSite = callSite;
        this.thread = thread;
    }

    String client() {
        return client;
    }

    String method() {
        return method;
    }

    /** The first application frame that sent the request, resolved to file and line on the first call. */
    CallSite callSite() {
        return callSite == null ? null : callSite.site();
    }

    String thread() {
        return thread;
    }

    /** The URL without user-info, query or fragment ({@link Redaction#url}). */
    String url() {
        parse();
        return url;
    }

    /** The host of the redacted URL as written, or null ({@link Loopback#hostOf}). */
    String host() {
        parse();
        return host;
    }

    /** True when the URL is http:// (the scheme survives redaction unchanged, so the raw form is asked). */
    boolean isCleartext() {
        return Loopback.isCleartext(rawUrl);
    }

    /** True when the URL's host is loopback as written; cached per authority, see {@link Loopback#isLoopbackUrl}. */
    boolean isLoopback() {
        return Loopback.isLoopbackUrl(rawUrl);
    }

    private synchronized void parse() {
        if (!parsed) {
            url = Redaction.url(rawUrl);
            host = Loopback.hostOf(url);
            parsed = true;
        }
    }
}
