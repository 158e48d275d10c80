package dev.jvmaudit.it;

import com.fasterxml.jackson.databind.JsonNode;
import example.TaggedOpens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call sites a tag hands the hooks are the lines a stack walk names: each tagged open and send, and the opens no tag
 * reaches (reflection, a method reference), which are captured from the stack as before, even right after a tagged
 * call left its tag behind.
 */
class CallSiteTagsIT {

    @ParameterizedTest
    @MethodSource("dev.jvmaudit.it.Jdks#all")
    void everyFindingNamesTheLineOfItsCall(Path jdk) throws Exception {
        AgentRun.Running run = AgentRun.on(jdk).main(TaggedOpens.class).run();
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, Integer> expected = new TreeMap<>();
        String tag = null;
        for (String printed : run.stdout().split("\n")) {
            if (printed.startsWith("tag ")) {
                tag = printed.substring("tag ".length());
            } else if (!printed.equals("done")) {
                String[] nameAndLine = printed.split(" ");
                expected.put(nameAndLine[0], Integer.parseInt(nameAndLine[1]));
            }
        }
        assertEquals(11, expected.size(), run.stdout());
        assertEquals("example.TaggedOpens|main|TaggedOpens.java|" + expected.get("peeked.bin") + "|", tag,
                "the open's own site waited in the bridge while it ran");

        Map<String, Integer> named = new TreeMap<>();
        for (JsonNode finding : run.findings()) {
            String rule = finding.get("rule").asText();
            String callsite = finding.get("callsite").asText();
            assertTrue(callsite.matches("example\\.TaggedOpens\\.main\\(TaggedOpens\\.java:\\d+\\)"), finding.toString());
            int line = Integer.parseInt(callsite.substring(callsite.lastIndexOf(':') + 1, callsite.length() - 1));
            if (rule.equals("http.unchecked-status")) {
                named.put("send", line);
            } else {
                assertEquals("file.open-at-exit", rule, finding.toString());
                String path = finding.get("path").asText();
                named.put(path.substring(path.lastIndexOf('/') + 1), line);
            }
        }
        assertEquals(expected, named, run.findings().toString());
    }
}
