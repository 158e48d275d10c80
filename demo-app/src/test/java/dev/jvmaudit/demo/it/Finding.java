package dev.jvmaudit.demo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of the agent's findings log (the keys RULES.md promises), with the line itself for messages. */
record Finding(String rule, String severity, String cwe, String message, String callsite, String thread,
               long occurrences, String line) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every finding in a JSON-lines file; none if the agent never created it. */
    static List<Finding> readAll(Path file) throws IOException {
        List<Finding> findings = new ArrayList<>();
        if (!Files.exists(file)) {
            return findings;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            findings.add(new Finding(node.path("rule").asText(null), node.path("severity").asText(null),
                    node.path("cwe").asText(null), node.path("message").asText(null),
                    node.path("callsite").asText(null), node.path("thread").asText(null),
                    node.path("occurrences").asLong(0), line));
        }
        return findings;
    }

    /** Whether the first application frame is one of the demo's own classes. */
    boolean inDemoCode() {
        return callsite != null && callsite.startsWith("dev.jvmaudit.demo.");
    }

    @Override
    public String toString() {
        return line;
    }
}
