#!/usr/bin/env bash
# Builds the agent and the demo, runs the faithful keepalived monitor with the agent for a short scripted session,
# stops it with SIGTERM as an orchestrator would, and shows what the agent found and counted.
set -euo pipefail
cd "$(dirname "$0")"

echo "== building agent/target/audit.jar and demo-app/target/demo-app.jar"
mvn -q -B -DskipTests -pl agent,demo-app package

target=demo-app/target
findings=$target/demo-findings.jsonl
output=$target/demo-output.txt
rm -f "$findings"

echo "== running the faithful daemon with the agent (the fake L3 agent answers 500)"
java -javaagent:agent/target/audit.jar=log.file=$findings,metrics.port=0 \
     -jar $target/demo-app.jar --mode faithful --l3-agent fail --flaps 4 >"$output" 2>&1 &
pid=$!
for _ in $(seq 1 300); do # the endpoint's thread binds a second into the run
  grep -q "waiting for SIGTERM" "$output" && grep -q "^audit: metrics at" "$output" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done

port=$(sed -n 's#^audit: metrics at http://127.0.0.1:\([0-9]*\)/metrics#\1#p' "$output" | head -1)
if [ -n "$port" ]; then
  echo "== the agent's counters, scraped from http://127.0.0.1:$port/metrics while the daemon runs"
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  grep '^audit_violations_total' <&3 | grep -v ' 0.0$' || true
  exec 3<&-
fi

echo "== SIGTERM to pid $pid"
kill -TERM $pid
wait $pid || true

echo "== what the daemon and the agent printed"
cat "$output"
echo "== the findings ($findings), one JSON object per line"
if command -v python3 >/dev/null 2>&1; then
  python3 -c '
import json, sys
core = ("timestamp", "level", "rule", "severity", "cwe", "message", "callsite", "thread", "occurrences")
for line in open(sys.argv[1]):
    f = json.loads(line)
    facts = {k: v for k, v in f.items() if k not in core}
    print("%s (%s, %s) at %s on thread %s" % (f["rule"], f["severity"], f["cwe"], f["callsite"], f["thread"]))
    print("    " + f["message"])
    print("    " + json.dumps(facts))
' "$findings"
else
  cat "$findings"
fi
