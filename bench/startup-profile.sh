#!/usr/bin/env bash
# Where the agent's start-up time goes: one `java Hello` with -Xlog:class+load (uptime-stamped) plain, with the agent
# warm (cache filled by a priming run) and cold (empty cache.dir); prints the milestones of the agent's premain and the
# classes it loads, by library. Timestamps are JVM uptime in ms of one run each: read the differences, not the totals.
#
# usage: bench/startup-profile.sh [--agent audit.jar] [JAVA_HOME]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
agent=$root/agent/target/audit.jar
jh=
while [[ $# -gt 0 ]]; do
  case $1 in
    --agent) agent=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) jh=$1; shift ;;
  esac
done
[[ -n $jh ]] || jh=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
java=$jh/bin/java
work=$root/bench/target/startup-profile
rm -rf "$work"; mkdir -p "$work/classes"; chmod 700 "$work"
"$jh/bin/javac" --release 17 -d "$work/classes" "$here/src/main/startup/Hello.java"
cache=$(mktemp -d "$work/cache-XXXXXX")
opts="metrics=off,log.file=$work/audit.jsonl"

run() { # $1 = label, rest = extra JVM args
  local label=$1; shift
  "$java" -Xlog:class+load:file="$work/$label.log":uptimemillis "$@" -cp "$work/classes" Hello >/dev/null
}
run plain
"$java" -javaagent:"$agent=$opts,cache.dir=$cache" -cp "$work/classes" Hello >/dev/null # priming: fills the cache
run warm -javaagent:"$agent=$opts,cache.dir=$cache"
run cold -javaagent:"$agent=$opts,cache.dir=$(mktemp -d "$work/cache-XXXXXX")"

ms() { grep -m1 -- "$2" "$work/$1.log" | sed -E 's/^\[([0-9]+)ms\].*/\1/'; }
for label in plain warm cold; do
  f=$work/$label.log
  echo "== $label: $(wc -l <"$f") classes loaded before Hello's exit"
  if [[ $label != plain ]]; then
    printf '  %-58s %6s ms\n' \
      "java.instrument loaded (agent jar opened)" "$(ms "$label" 'sun.instrument.InstrumentationImpl ')" \
      "premain: AuditAgent loaded" "$(ms "$label" 'dev.jvmaudit.agent.AuditAgent ')" \
      "bridge defined in the boot loader (Guard)" "$(ms "$label" 'dev.jvmaudit.bootstrap.Guard ')" \
      "Reporter loaded" "$(ms "$label" 'dev.jvmaudit.agent.report.Reporter ')" \
      "TransformCache loaded" "$(ms "$label" 'dev.jvmaudit.agent.TransformCache ')" \
      "AdviceWeaver loaded (cache miss)" "$(ms "$label" 'dev.jvmaudit.agent.AdviceWeaver ')" \
      "first ASM class (weaving)" "$(ms "$label" 'dev.jvmaudit.agent.asm.')" \
      "first logback class (background warm-up)" "$(ms "$label" 'shaded.logback')" \
      "first Micrometer class (background warm-up)" "$(ms "$label" 'shaded.micrometer')" \
      "Hello loaded (premain done, main starts)" "$(ms "$label" ' Hello ')"
  else
    printf '  %-58s %6s ms\n' "Hello loaded (main starts)" "$(ms "$label" ' Hello ')"
  fi
  echo "  classes by source:"
  awk '{ s = $0; sub(/.*source: /, "", s)
         if (s ~ /audit\.jar|\/lib-[0-9a-f]+\.jar/) { n = $2; sub(/^dev\.jvmaudit\.agent\.shaded\./, "", n)
           if ($2 ~ /^dev\.jvmaudit\.agent\.asm\./) k = "audit.jar: relocated ASM (weaving)"
           else if (n == $2) k = "audit.jar: agent'"'"'s own"; else { split(n, p, "."); k = "audit.jar: shaded " p[1] } }
         else if (s ~ /shared objects file/) k = "JDK, from the CDS archive"
         else if (s ~ /^jrt:/ || s ~ /lib\/modules$/) k = "JDK, not in CDS (parsed from the runtime image)"
         else if (s ~ /jvm-audit-start/) k = "audit.jar: agent'"'"'s own, defined from its start-path archive"
         else if (s ~ /jvm-audit/) k = "bridge, defined in the boot loader"
         else if (s ~ /LookupDefineClass|dynamic_proxy|ClassDefiner/ || s !~ /[:\/]/) k = "generated (lambdas, LambdaForms, proxies)"
         else if (s ~ /RedefineClasses/) k = "retransformed JDK classes"
         else k = "other: " s
         c[k]++ } END { for (k in c) printf "    %5d  %s\n", c[k], k }' "$f" | sort -rn
done
echo "== JDK classes the agent adds, by package (warm, not loaded by the plain run):"
comm -13 <(awk '{print $2}' "$work/plain.log" | sort -u) <(awk '$0 !~ /audit\.jar|\/lib-[0-9a-f]+\.jar|jvm-audit/ {print $2}' "$work/warm.log" | sort -u) \
  | grep -v -e '\$\$Lambda' -e 'LambdaForm\$' -e '^jdk.proxy' | sed -E 's/\.[^.]+$//' | sort | uniq -c | sort -rn | head -15
echo "logs: $work/{plain,warm,cold}.log"
