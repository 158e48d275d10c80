package dev.jvmaudit.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmaudit.dashboards.Dashboard.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of grafana/dashboard-linter (and a few more of this project's conventions) on
 * audit-overview.json, written as tests since the linter cannot be installed here.
 */
class DashboardLintTest {

    /** The metrics of the agent's contract (shared RULES.md), and audit_jvm_threads, by type. */
    private static final Map<String, String> METRICS = Map.of(
            "audit_violations_total", "counter",
            "audit_agent_errors_total", "counter",
            "audit_agent_info", "gauge",
            "audit_jvm_threads", "gauge");

    /** Variables Grafana defines itself. */
    private static final Set<String> GLOBAL_VARIABLES = Set.of("__rate_interval", "__range", "__interval", "__data");

    /** Grafana unit ids this dashboard may use; extend with another real Grafana unit id when needed. */
    private static final Set<String> UNITS = Set.of(
            "none", "short", "string", "percent", "percentunit", "cps", "cpm", "ops", "opm", "s", "ms", "bytes", "bool");

    private static final String DATASOURCE_UID = "${datasource}";
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern AUDIT_SELECTOR = Pattern.compile("\\b(audit_\\w+)\\s*(\\{[^}]*})?");
    private static final Pattern RANGE = Pattern.compile("\\[([^]]*)]");
    private static final Pattern RANGE_IN_FUNCTION =
            Pattern.compile("\\b(\\w+)\\s*\\(\\s*\\w+\\s*(?:\\{[^}]*})?\\s*\\[([^]]*)]");

    private final JsonNode dashboard = Dashboard.load();
    private final List<JsonNode> panels = Dashboard.panels(dashboard);
    private final List<Target> targets = Dashboard.targets(dashboard);

    @Test
    void dashboardHasUidTitleSchemaVersionAndNoFixedId() {
        assertTrue(dashboard.path("uid").asText().matches("[A-Za-z0-9_-]{1,40}"), "uid must be set (at most 40 characters)");
        assertFalse(dashboard.path("title").asText().isBlank(), "title");
        assertFalse(dashboard.path("description").asText().isBlank(), "description");
        assertTrue(dashboard.path("schemaVersion").isInt(), "schemaVersion must be present");
        assertTrue(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull(),
                "id must be null so that the file imports into any Grafana");
        assertFalse(dashboard.has("__inputs"),
                "no __inputs: the datasource variable picks the data source, so file provisioning needs no input");
    }

    @Test
    void hasAPrometheusDatasourceVariable() {
        List<JsonNode> datasources = Dashboard.variables(dashboard).stream()
                .filter(v -> v.path("type").asText().equals("datasource")).toList();
        assertEquals(1, datasources.size(), "exactly one datasource variable");
        JsonNode datasource = datasources.get(0);
        assertEquals("datasource", datasource.path("name").asText());
        assertEquals("Data source", datasource.path("label").asText());
        assertEquals("prometheus", datasource.path("query").asText());
    }

    @Test
    void hasJobAndInstanceVariables() {
        for (String name : List.of("job", "instance")) {
            JsonNode variable = Dashboard.variable(dashboard, name);
            String label = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            assertEquals("query", variable.path("type").asText(), name + " type");
            assertEquals(DATASOURCE_UID, variable.path("datasource").path("uid").asText(), name + " datasource");
            assertEquals(label, variable.path("label").asText(), name + " label");
            assertTrue(variable.path("multi").asBoolean(), name + " must be multi-select");
            assertTrue(variable.path("includeAll").asBoolean(), name + " must offer All");
            assertEquals(".+", variable.path("allValue").asText(), name + " allValue");
            assertTrue(variable.path("query").asText().matches("label_values\\(audit_\\w+(\\{.*})?, " + name + "\\)"),
                    name + " must list the label values of an agent metric: " + variable.path("query"));
        }
        assertTrue(Dashboard.variable(dashboard, "instance").path("query").asText().contains("job=~\"$job\""),
                "the instance list follows the chosen job");
    }

    @Test
    void everyVariableIsDefinedAndUsed() {
        Set<String> defined = new TreeSet<>();
        Dashboard.variables(dashboard).forEach(v -> defined.add(v.path("name").asText()));
        Set<String> used = new TreeSet<>();
        for (JsonNode variable : Dashboard.variables(dashboard)) {
            used.addAll(Dashboard.variablesIn(variable.path("query").asText()));
            used.addAll(Dashboard.variablesIn(variable.path("datasource").path("uid").asText()));
        }
        for (JsonNode panel : panels) {
            used.addAll(Dashboard.variablesIn(panel.toString()));
        }
        Set<String> undefined = new TreeSet<>(used);
        undefined.removeAll(defined);
        undefined.removeAll(GLOBAL_VARIABLES);
        assertEquals(Set.of(), undefined, "variables used but not defined");
        Set<String> unused = new TreeSet<>(defined);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "variables defined but never used");
    }

    @Test
    void panelsHaveUniqueIdsTitlesDescriptionsAndUnits() {
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                problems.add("'" + title + "': id missing or not unique: " + panel.path("id"));
            }
            if (title.isBlank()) {
                problems.add("panel " + panel.path("id") + " has no title");
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (panel.path("description").asText().isBlank()) {
                problems.add("'" + title + "' has no description");
            }
            String unit = panel.path("fieldConfig").path("defaults").path("unit").asText();
            if (!UNITS.contains(unit)) {
                problems.add("'" + title + "' has no or an unknown unit: '" + unit + "'");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            if (a.path("w").asInt() <= 0 || a.path("h").asInt() <= 0 || a.path("x").asInt() + a.path("w").asInt() > 24) {
                problems.add("'" + panels.get(i).path("title").asText() + "' has an invalid gridPos " + a);
            }
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode b = panels.get(j).path("gridPos");
                boolean apart = a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                        || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                        || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                        || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
                if (!apart) {
                    problems.add("'" + panels.get(i).path("title").asText() + "' overlaps '" + panels.get(j).path("title").asText() + "'");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPanelAndTargetUsesTheDatasourceVariable() {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            if (!isTemplatedPrometheus(panel.path("datasource"))) {
                problems.add("'" + title + "' datasource is " + panel.path("datasource"));
            }
            if (panel.path("targets").isEmpty()) {
                problems.add("'" + title + "' has no query");
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                if (!isTemplatedPrometheus(target.path("datasource"))) {
                    problems.add("'" + title + "' target " + target.path("refId") + " datasource is " + target.path("datasource"));
                }
                if (!refIds.add(target.path("refId").asText())) {
                    problems.add("'" + title + "' repeats refId " + target.path("refId"));
                }
                if (target.path("expr").asText().isBlank()) {
                    problems.add("'" + title + "' target " + target.path("refId") + " has no expr");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static boolean isTemplatedPrometheus(JsonNode datasource) {
        return datasource.path("type").asText().equals("prometheus") && datasource.path("uid").asText().equals(DATASOURCE_UID);
    }

    @Test
    void queriesUseOnlyContractMetricsFilteredByJobAndInstance() {
        List<String> problems = new ArrayList<>();
        for (Target target : targets) {
            Matcher m = AUDIT_SELECTOR.matcher(withoutStrings(target.expr()));
            while (m.find()) {
                if (!METRICS.containsKey(m.group(1))) {
                    problems.add(target + " uses " + m.group(1) + ", which the agent does not export");
                }
            }
            m = AUDIT_SELECTOR.matcher(target.expr());
            while (m.find()) {
                String matchers = m.group(2) == null ? "" : m.group(2);
                if (!matchers.contains("job=~\"$job\"") || !matchers.contains("instance=~\"$instance\"")) {
                    problems.add(target + ": " + m.group() + " lacks job=~\"$job\" or instance=~\"$instance\"");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void countersAreOnlyReadThroughRateOrIncrease() {
        List<String> problems = new ArrayList<>();
        for (Target target : targets) {
            String expr = withoutStrings(target.expr());
            for (String counter : counters()) {
                Matcher m = Pattern.compile("\\b" + counter + "\\b").matcher(expr);
                while (m.find()) {
                    boolean inFunction = expr.substring(0, m.start()).matches("(?s).*\\b(rate|irate|increase)\\s*\\(\\s*");
                    boolean ranged = expr.substring(m.end()).matches("(?s)\\s*(\\{[^}]*})?\\s*\\[.*");
                    if (!inFunction || !ranged) {
                        problems.add(target + ": counter " + counter + " outside rate()/increase(): " + target.expr());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void rangesAreRateIntervalOrTheDashboardRange() {
        List<String> problems = new ArrayList<>();
        for (Target target : targets) {
            String expr = withoutStrings(target.expr());
            int ranges = count(RANGE.matcher(expr));
            int checked = 0;
            Matcher m = RANGE_IN_FUNCTION.matcher(expr);
            while (m.find()) {
                checked++;
                String function = m.group(1);
                String range = m.group(2).trim();
                boolean rateInterval = range.equals("$__rate_interval");
                // increase over the whole dashboard range is what a "findings in the range" panel shows
                boolean dashboardRange = range.equals("$__range") && function.equals("increase") && target.instant();
                if (!rateInterval && !dashboardRange) {
                    problems.add(target + ": " + function + "(...[" + range + "]) should use [$__rate_interval]"
                            + " (or [$__range] in an instant increase())");
                }
            }
            if (checked != ranges) {
                problems.add(target + ": a range outside a function over a plain selector: " + target.expr());
            }
            if (target.expr().contains("$__range") && !target.instant()) {
                problems.add(target + ": $__range belongs in instant queries");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void criticalFindingsTurnRedAboveZero() {
        JsonNode critical = panel("Critical findings");
        assertEquals("stat", critical.path("type").asText());
        assertTrue(critical.path("targets").get(0).path("expr").asText().contains("severity=\"critical\""));
        JsonNode steps = critical.path("fieldConfig").path("defaults").path("thresholds").path("steps");
        assertEquals(2, steps.size(), "a base step and a red one: " + steps);
        assertEquals("green", steps.get(0).path("color").asText());
        assertEquals("red", steps.get(1).path("color").asText());
        double redFrom = steps.get(1).path("value").asDouble();
        assertTrue(redFrom > 0 && redFrom <= 1, "red from the first finding (counts are whole numbers): " + redFrom);
    }

    @Test
    void ruleTableLinksEachRuleToItsReadmeSection() {
        JsonNode table = panel("Findings by rule and severity");
        assertEquals("table", table.path("type").asText());
        String readme = Dashboard.variable(dashboard, "readme").path("query").asText();
        assertTrue(readme.matches("https://\\S+/README\\.md"), "readme must be the URL of the project README: " + readme);

        JsonNode link = override(table, "rule", "links").get(0);
        assertEquals("${readme}#${__data.fields.anchor}", link.path("url").asText());
        assertTrue(override(table, "anchor", "custom.hidden").asBoolean(),
                "the anchor column is hidden, not removed: a data link can only read fields the frame keeps");

        Matcher labelReplace = Pattern.compile("label_replace\\(.*, \"anchor\", \"([^\"]*)\", \"rule\", \"([^\"]*)\"\\)$")
                .matcher(table.path("targets").get(0).path("expr").asText());
        assertTrue(labelReplace.find(), "the query derives the anchor label from the rule label");
        Pattern regex = Pattern.compile(labelReplace.group(2));
        for (String rule : List.of("http.unchecked-status", "tls.trust-all", "file.open-at-exit", "shutdown.exit-in-hook")) {
            Matcher m = regex.matcher(rule);
            assertTrue(m.matches(), rule);
            assertEquals(githubAnchor(rule), m.replaceAll(labelReplace.group(1)), "anchor of " + rule);
        }
    }

    /** The anchor GitHub gives a Markdown heading. */
    static String githubAnchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private JsonNode panel(String title) {
        return panels.stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled '" + title + "'"));
    }

    private static JsonNode override(JsonNode panel, String field, String property) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("options").asText().equals(field)) {
                for (JsonNode p : override.path("properties")) {
                    if (p.path("id").asText().equals(property)) {
                        return p.path("value");
                    }
                }
            }
        }
        throw new AssertionError("'" + panel.path("title").asText() + "' has no " + property + " override for " + field);
    }

    private static List<String> counters() {
        return METRICS.entrySet().stream().filter(e -> e.getValue().equals("counter")).map(Map.Entry::getKey).toList();
    }

    private static String withoutStrings(String expr) {
        return STRING_LITERAL.matcher(expr).replaceAll("\"\"");
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
