#!/usr/bin/env bash
# Start-up cost of the agent: `java Hello` with and without -javaagent, alternating runs, wall time to exit.
#   warm: the agent's transform cache was filled by one priming run (second and later starts on this JDK); the agent
#         runs with metrics=off, as in every table before 2026-12-06
#   warm-endpoint: the same with the metrics endpoint on, as by default (metrics.port=0: any free port), so the cost of
#         starting the endpoint, and of closing it at exit, is in the figure
#   warm-agentlib: the warm start with the agent given as -agentlib:instrument=audit.jar=..., the JVM's own spelling
#         of -javaagent without the java.instrument root module, which turns the archived module graph off
#   cold: every agent run gets a fresh, empty cache.dir (the first start on a JDK build)
#   noop-javaagent: not our agent: -javaagent with a premain that does nothing, the JVM's own price of the option
#         (a reference, not judged)
# Prints median and IQR of each series and of the paired differences (agent - plain, in pairs run back to back). The
# kinds take turns, one pair of each a round, so a slow spell of the host hits a few pairs of every kind.
#
# usage: bench/startup.sh [--runs N] [--out FILE.tsv] [--agent audit.jar] [--smoke] [JAVA_HOME...]
#   default JAVA_HOMEs: the `java` on PATH and /usr/lib/jvm/temurin-25-jdk-amd64 when installed; N default 15
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=15
out=
agent=$root/agent/target/audit.jar
jdks=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --agent) agent=$2; shift 2 ;;
    --smoke) runs=3; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) jdks+=("$1"); shift ;;
  esac
done
if [[ ${#jdks[@]} -eq 0 ]]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && jdks+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi
[[ -f $agent ]] || { echo "startup.sh: no agent jar at $agent (cd $root && mvn -q -B -pl agent package -DskipTests)" >&2; exit 2; }

work=$root/bench/target/startup
mkdir -p "$work"
chmod 700 "$work"
classes=$work/classes
rm -rf "$classes"; mkdir -p "$classes"
"${jdks[0]}/bin/javac" --release 17 -d "$classes" "$here"/src/main/startup/*.java
printf 'Premain-Class: NoopAgent\n' >"$work/noop.mf"
"${jdks[0]}/bin/jar" --create --file "$work/noop.jar" --manifest "$work/noop.mf" -C "$classes" NoopAgent.class

# one start, wall time in microseconds on stdout; the JVM's own output goes to $work/last.{out,err}
time_one() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >"$work/last.out" 2>"$work/last.err"
  t1=$(date +%s%N)
  if [[ $(cat "$work/last.out") != Hello ]]; then
    echo "startup.sh: unexpected output from: $*" >&2; cat "$work/last.out" "$work/last.err" >&2; exit 1
  fi
  if grep -q -v '^audit: metrics at http://127.0.0.1:' "$work/last.err"; then
    echo "startup.sh: note: stderr not empty for: $*" >&2; head -3 "$work/last.err" >&2
  fi
  echo $(( (t1 - t0) / 1000 ))
}

# median and interquartile range (linear interpolation between order statistics) of numbers on stdin, in ms
stats() {
  sort -n | awk '{ v[NR] = $1 }
    function q(p,   h, l) { h = (NR - 1) * p + 1; l = int(h); return l >= NR ? v[NR] : v[l] + (h - l) * (v[l + 1] - v[l]) }
    END { printf "%.1f %.1f\n", q(0.5) / 1000, (q(0.75) - q(0.25)) / 1000 }'
}

[[ -n $out ]] && : >"$out"
printf '| JDK | start | runs | plain: median (IQR) | agent: median (IQR) | agent - plain: median of pairs (IQR) | target |\n'
printf '|---|---|---|---|---|---|---|\n'
kinds=(warm warm-endpoint warm-agentlib cold noop-javaagent)
for jh in "${jdks[@]}"; do
  java=$jh/bin/java
  version=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print $2 }')
  declare -A cache=() log=() metrics=() plain=() withagent=() diffs=()
  for kind in "${kinds[@]}"; do
    cache[$kind]=$(mktemp -d "$work/cache-$kind-XXXXXX")
    log[$kind]=$(mktemp -u "$work/audit-XXXXXX.jsonl")
    metrics[$kind]=metrics=off
    [[ $kind == warm-endpoint ]] && metrics[$kind]=metrics.port=0
    if [[ $kind == warm* ]]; then # priming: fills the agent's cache and the OS page cache, not counted
      time_one "$java" -javaagent:"$agent"=${metrics[$kind]},log.file="${log[$kind]}",cache.dir="${cache[$kind]}" -cp "$classes" Hello >/dev/null
    fi
  done
  time_one "$java" -cp "$classes" Hello >/dev/null # "cold" is about the agent's cache only: the OS page cache is primed
  # round by round, one pair of every kind in each: a slow spell of the host (seconds long here) then lands on a few
  # pairs of every kind, which the medians pass over, rather than on every pair of one kind
  for ((i = 0; i < runs; i++)); do
    for kind in "${kinds[@]}"; do
      if [[ $kind == cold ]]; then
        rm -rf "${cache[$kind]}"; cache[$kind]=$(mktemp -d "$work/cache-$kind-XXXXXX")
      fi
      options=${metrics[$kind]},log.file="${log[$kind]}",cache.dir="${cache[$kind]}"
      case $kind in
        warm-agentlib) agentcmd=("$java" -agentlib:instrument="$agent"="$options") ;;
        noop-javaagent) agentcmd=("$java" -javaagent:"$work/noop.jar") ;;
        *) agentcmd=("$java" -javaagent:"$agent"="$options") ;;
      esac
      agentcmd+=(-cp "$classes" Hello)
      plaincmd=("$java" -cp "$classes" Hello)
      if (( i % 2 == 0 )); then
        p=$(time_one "${plaincmd[@]}"); a=$(time_one "${agentcmd[@]}")
      else
        a=$(time_one "${agentcmd[@]}"); p=$(time_one "${plaincmd[@]}")
      fi
      plain[$kind]+="$p "; withagent[$kind]+="$a "; diffs[$kind]+="$((a - p)) "
    done
  done
  for kind in "${kinds[@]}"; do
    rm -rf "${cache[$kind]}" "${log[$kind]}"
    read -r pm pi < <(printf '%s\n' ${plain[$kind]} | stats)
    read -r am ai < <(printf '%s\n' ${withagent[$kind]} | stats)
    read -r dm di < <(printf '%s\n' ${diffs[$kind]} | stats)
    case $kind in cold) target=400 ;; noop-javaagent) target=- ;; *) target=100 ;; esac
    printf '| %s | %s | %d | %s ms (%s) | %s ms (%s) | %+.1f ms (%s) | %s |\n' \
      "$version" "$kind" "$runs" "$pm" "$pi" "$am" "$ai" "$dm" "$di" "$([[ $target == - ]] && echo reference || echo "≤ +$target ms")"
    # jdk, kind, runs, plain median, plain IQR, agent median, agent IQR, delta median, delta IQR, target (ms)
    [[ -n $out ]] && printf '%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$version" "$kind" "$runs" "$pm" "$pi" "$am" "$ai" "$dm" "$di" "$target" >>"$out"
  done
  unset cache log metrics plain withagent diffs
done
