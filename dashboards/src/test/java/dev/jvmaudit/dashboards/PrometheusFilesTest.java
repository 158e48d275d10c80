package dev.jvmaudit.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvmaudit.dashboards.Dashboard.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** promtool on prometheus.yml, alerts.yml and alerts.test.yml, and the dashboard's queries parsed by promtool. */
class PrometheusFilesTest {

    /** Values of the right syntax for every variable, so that promtool can parse the queries. */
    private static final Map<String, String> ANY_VALUES = Map.of(
            "job", ".+", "instance", ".+", "__rate_interval", "1m", "__range", "1h", "__interval", "15s");

    @Test
    void prometheusConfigIsValid() throws Exception {
        assertPromtool("check", "config", "prometheus.yml");
    }

    @Test
    void alertingRulesAreValid() throws Exception {
        assertPromtool("check", "rules", "alerts.yml");
    }

    @Test
    void alertingRulesPassTheirUnitTests() throws Exception {
        assertPromtool("test", "rules", "alerts.test.yml");
    }

    @Test
    void dashboardQueriesAreValidPromQL(@TempDir Path tmp) throws Exception {
        // promtool has no query linter, but it parses every expression of a rule file
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<Target> targets = Dashboard.targets(Dashboard.load());
        for (int i = 0; i < targets.size(); i++) {
            String expr = Dashboard.substitute(targets.get(i).expr(), ANY_VALUES);
            rules.append("      - record: dashboard_query_").append(i).append('\n')
                    .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Path file = tmp.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        Tools.Result result = Tools.run(Dashboard.DIR, List.of(Tools.require("promtool").toString(), "check", "rules", file.toString()));
        assertEquals(0, result.exitCode(), "a dashboard query does not parse:\n" + result.output() + "\n" + rules);
        assertTrue(result.output().contains("SUCCESS: " + targets.size() + " rules found"), result.output());
    }

    @Test
    void prometheusScrapesTheAgentsDefaultEndpointUnderTheJobTheAlertsName() throws IOException {
        JsonNode config = Dashboard.yaml("prometheus.yml");
        List<String> targets = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.path("job_name").asText().equals("jvm-audit")) {
                job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
                assertTrue(job.path("metrics_path").isMissingNode() || job.path("metrics_path").asText().equals("/metrics"));
            }
        }
        assertEquals(List.of("127.0.0.1:9464"), targets, "the jvm-audit job scrapes the agent's default endpoint");
        assertTrue(Files.readString(Dashboard.DIR.resolve("alerts.yml")).contains("up{job=\"jvm-audit\"}"),
                "AuditAgentDown watches the job of prometheus.yml");
    }

    @Test
    void grafanaProvisioningHasAFixedDatasourceUidAndTheDashboardFolder() {
        JsonNode datasources = Dashboard.yaml("provisioning/datasources/prometheus.yaml");
        assertEquals(1, datasources.path("apiVersion").asInt());
        JsonNode datasource = datasources.path("datasources").get(0);
        assertEquals("prometheus", datasource.path("type").asText());
        assertEquals("jvm-audit-prometheus", datasource.path("uid").asText());
        assertEquals("http://127.0.0.1:9090", datasource.path("url").asText());
        assertEquals(Dashboard.yaml("prometheus.yml").path("global").path("scrape_interval").asText(),
                datasource.path("jsonData").path("timeInterval").asText(),
                "Grafana derives $__rate_interval from the scrape interval it is told");

        JsonNode providers = Dashboard.yaml("provisioning/dashboards/jvm-audit.yaml");
        assertEquals(1, providers.path("apiVersion").asInt());
        JsonNode provider = providers.path("providers").get(0);
        assertEquals("file", provider.path("type").asText());
        assertEquals("/var/lib/grafana/dashboards/jvm-audit", provider.path("options").path("path").asText(),
                "the folder dashboards/README.md mounts audit-overview.json into");
    }

    private static void assertPromtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Tools.require("promtool").toString()));
        command.addAll(List.of(arguments));
        Tools.Result result = Tools.run(Dashboard.DIR, command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + " failed:\n" + result.output());
    }
}
