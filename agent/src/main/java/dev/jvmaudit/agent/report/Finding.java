package dev.jvmaudit.agent.report;

import java.util.Map;

/**
 * One violation as a rule sees it.
 *
 * @param subject what the rule is about for allowlists: the URL host or the path (null when only the call site counts)
 * @param facts   the finding's facts, logged as top-level keys in their order (never secrets)
 */
public record Finding(Rule rule, CallSite callSite, String thread, String message, String subject,
                      Map<String, Object> facts) {
}
