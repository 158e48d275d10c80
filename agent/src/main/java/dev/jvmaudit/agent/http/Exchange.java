package dev.jvmaudit.agent.http;

import dev.jvmaudit.agent.report.CallSite;

/**
 * One request as the application sent it: where (the first application frame, walked once), on which thread, to
 * which redacted URL. Holds no reference to the request or the response.
 */
record Exchange(String client, String method, String url, String host, CallSite callSite, String thread) {
}
