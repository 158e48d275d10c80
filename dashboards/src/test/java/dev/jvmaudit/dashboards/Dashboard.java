package dev.jvmaudit.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of this module and the dashboard's panels and queries, as the tests read them. */
final class Dashboard {

    /** The dashboards/ directory (Maven runs tests there and also passes it as {@code basedir}). */
    static final Path DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path JSON = DIR.resolve("audit-overview.json");

    /** {@code $name}, {@code ${name}} or {@code ${name:format}}; {@code $1} in label_replace is not a variable. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_]\\w*)(?::[^}]*)?}|\\$([A-Za-z_]\\w*)");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory());

    /** One query of one panel. */
    record Target(JsonNode panel, JsonNode target) {
        String expr() {
            return target.path("expr").asText();
        }

        boolean instant() {
            return target.path("instant").asBoolean(false);
        }

        @Override
        public String toString() {
            return "panel '" + panel.path("title").asText() + "' target " + target.path("refId").asText();
        }
    }

    private Dashboard() {
    }

    static JsonNode load() {
        return read(JSON_MAPPER, JSON);
    }

    static JsonNode yaml(String relativePath) {
        return read(YAML_MAPPER, DIR.resolve(relativePath));
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every panel, including those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<Target> targets(JsonNode dashboard) {
        List<Target> targets = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            panel.path("targets").forEach(target -> targets.add(new Target(panel, target)));
        }
        return targets;
    }

    static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    static JsonNode variable(JsonNode dashboard, String name) {
        return variables(dashboard).stream()
                .filter(v -> v.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the dashboard has no '" + name + "' variable"));
    }

    /** Names of the variables referenced in {@code text}. */
    static List<String> variablesIn(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }

    /** Replaces every variable as Grafana would; one missing from {@code values} is an error. */
    static String substitute(String text, Map<String, String> values) {
        return VARIABLE.matcher(text).replaceAll(m -> {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable $" + name + " in " + text);
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
