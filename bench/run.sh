#!/usr/bin/env bash
# The whole overhead table in one command: builds what it needs, then on each JDK runs the JMH benchmarks (with and
# without the agent, same run), the start-up script and the demo load/memory measurement, and prints one markdown
# table (also left in bench/target/results/report.md).
#
# usage: bench/run.sh [--smoke] [--no-build] [JAVA_HOME...]
#   default JAVA_HOMEs: the `java` on PATH (JDK 17 here) and /usr/lib/jvm/temurin-25-jdk-amd64 when installed
#   --smoke     one short iteration of everything, first JDK only, no thresholds (under 2 minutes); exit code
#               non-zero when anything failed to run. This is what CI calls: `bash bench/run.sh --smoke`
#   --no-build  use the jars as they are
#   --report-only  rebuild the table from bench/target/results of the last run, run nothing
#   --agent JAR / --demo JAR   measure these jars instead of agent/target/audit.jar, demo-app/target/demo-app.jar
#   BENCH_CPU   the CPU the JMH benchmarks run on (default: the last one, when there are two or more and taskset and
#               setsid are installed; "none": not pinned). Pinned, each benchmark runs its JVM without and its JVM with the agent
#               side by side on that CPU (BenchMain --side-by-side, see SideBySide); not pinned, in alternating forks
#   BENCH_JMH_ARGS  arguments for the JMH runner (default: --pairs 3 -f 1 -wi 3 -i 4 -w 1 -r 1, which the alternating
#               forks use: three forks each without and with the agent; some benchmarks raise the warm-up and
#               iterations, see BenchMain)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
smoke=false
build=true
agent=$root/agent/target/audit.jar
demo=$root/demo-app/target/demo-app.jar
jdks=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --smoke) smoke=true; shift ;;
    --no-build) build=false; shift ;;
    --report-only) report_only=true; shift ;;
    --agent) agent=$(readlink -f "$2"); build_agent=false; shift 2 ;;
    --demo) demo=$(readlink -f "$2"); build_demo=false; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) jdks+=("$1"); shift ;;
  esac
done
if [[ ${#jdks[@]} -eq 0 ]]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && jdks+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi
$smoke && jdks=("${jdks[0]}")

bench=$root/bench/target/benchmarks.jar
stale() { # $1 = jar, rest = sources: true when the jar is missing or older than any source
  local jar=$1; shift
  [[ ! -f $jar ]] || [[ -n $(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null) ]]
}
report_only=${report_only:-false}
$report_only && build=false
if $build; then
  cd "$root"
  if ${build_agent:-true} && stale "$agent" agent/src/main agent/pom.xml; then echo "run.sh: building the agent" >&2; mvn -q -B -pl agent package -DskipTests; fi
  if ${build_demo:-true} && stale "$demo" demo-app/src/main demo-app/pom.xml; then echo "run.sh: building the demo app" >&2; mvn -q -B -pl demo-app package -DskipTests; fi
  if stale "$bench" bench/src bench/pom.xml; then echo "run.sh: building the benchmarks" >&2; mvn -q -B -f bench/pom.xml package -DskipTests; fi
fi

results=$root/bench/target/results
if ! $report_only; then
rm -rf "$results"
mkdir -p "$results"
# measure copies: others may rebuild agent/target/audit.jar while this runs
agent_built=$(date -u -r "$agent" '+%H:%M UTC')
if ${build_agent:-true}; then
  agent_desc="$(git -C "$root" log -1 --format='%h %s' 2>/dev/null | cut -c1-70)$([[ -z $(git -C "$root" status --porcelain agent 2>/dev/null) ]] || echo ' (work tree modified)')"
else
  agent_desc=$agent
fi
cp "$agent" "$results/audit.jar"; agent=$results/audit.jar
cp "$demo" "$results/demo-app.jar"; demo=$results/demo-app.jar
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
t0=$(date +%s)
jmh_args=(${BENCH_JMH_ARGS:---pairs 3 -f 1 -wi 3 -i 4 -w 1 -r 1})
smoke_flag=()
$smoke && smoke_flag=(--smoke)
cpu_flag=()
bench_cpu=${BENCH_CPU:-}
if [[ -z $bench_cpu && $(nproc) -ge 2 ]] && command -v taskset >/dev/null && command -v setsid >/dev/null; then bench_cpu=$(( $(nproc) - 1 )); fi
[[ -n $bench_cpu && $bench_cpu != none ]] && cpu_flag=(--cpu "$bench_cpu" --side-by-side)
failed=0

for jh in "${jdks[@]}"; do
  name=$(basename "$jh")
  echo "run.sh: === $jh ===" >&2
  host_flags=() # JMH 1.37 calls sun.misc.Unsafe: keep JDK 24+ from warning about it
  "$jh/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && host_flags=(--sun-misc-unsafe-memory-access=allow)
  "$jh/bin/java" "${host_flags[@]}" -jar "$bench" --agent "$agent" --results-dir "$results/jmh-$name" --out "$results/jmh-$name.tsv" \
      "${cpu_flag[@]}" "${jmh_args[@]}" "${smoke_flag[@]}" | tee "$results/jmh-$name.log" >&2 || failed=1
  "$here/startup.sh" --agent "$agent" --out "$results/startup-$name.tsv" "${smoke_flag[@]}" "$jh" \
      | tee "$results/startup-$name.log" >&2 || failed=1
  "$here/demo-load.sh" --agent "$agent" --demo "$demo" --out "$results/demo-$name.tsv" "${smoke_flag[@]}" "$jh" \
      | tee "$results/demo-$name.log" >&2 || failed=1
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$(( ($(date +%s) - t0 + 59) / 60 ))
declare -p agent_desc agent_built load_start load_end started minutes jmh_args cpu_flag failed >"$results/meta.env"
else
  # shellcheck disable=SC1091
  source "$results/meta.env"
  agent=$results/audit.jar
fi

verdict() { # $1 = value, $2 = op (le|ge), $3 = target, $4 = error (half-width; 0 or nan: none)
  if $smoke; then echo "(smoke)"; return; fi
  awk -v v="$1" -v t="$3" -v op="$2" -v e="${4:-0}" 'BEGIN {
    if (e == "nan" || e == "NaN" || e == "") e = 0
    if (op == "ge") { v = -v; t = -t }
    if (v + e <= t) r = "pass"; else if (v - e > t) r = "**FAIL**"; else r = "noisy"
    print r }'
}

{
  echo "## jvm-audit overhead$($smoke && echo ' (smoke run: one short iteration, no verdicts)')"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- date: $started, $minutes min; load average (1/5/15 min) at start $load_start, at end $load_end"
  echo "- agent: $agent_desc, jar built $agent_built (sha256 $(sha256sum "$agent" | cut -c1-12); its hook families: $(unzip -l "$agent" | sed -n 's|.*dev/jvmaudit/agent/\([a-z]*\)/[A-Za-z]*Family.class|\1|p' | sort -u | tr '\n' ' '))"
  if [[ ${#cpu_flag[@]} -gt 0 ]]; then
    echo "- JMH: side by side on CPU ${cpu_flag[1]} (taskset), sized for $(nproc) CPUs (-XX:ActiveProcessorCount): in each round a JVM without and a JVM with the agent run the benchmark at the same time, each in a session of its own, iteration k of both in the same second$($smoke && echo ' (smoke: one round, no warm-up, one iteration of 1 s)' || echo "; $("${jdks[0]}/bin/java" -jar "$bench" --plan --side-by-side)"); agent options metrics=off,log.file=<temp>"
  else
    echo "- JMH: ${jmh_args[*]}$($smoke && echo ' (smoke: -f 1 -wi 0 -i 1 -r 0.5)' || echo ", $("${jdks[0]}/bin/java" -jar "$bench" --plan)"); alternating forks on every CPU; agent options metrics=off,log.file=<temp>"
  fi
  echo
  echo "| figure | JDK | no agent | agent | agent / no agent (or difference) | target | result |"
  echo "|---|---|---|---|---|---|---|"
  for jh in "${jdks[@]}"; do
    name=$(basename "$jh")
    version=$("$jh/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print $2 }')
    if [[ -f $results/jmh-$name.tsv ]]; then
      while IFS=$'\t' read -r id label unit b be a ae r re target findings detail; do
        score() { [[ $2 == NaN ]] && printf '%.1f %s' "$1" "$3" || printf '%.1f ± %.1f %s' "$1" "$2" "$3"; }
        printf '| %s | %s | %s | %s | %.3f ± %.3f (%s) | ≤ %s | %s |\n' "$label" "$version" \
          "$(score "$b" "$be" "$unit")" "$(score "$a" "$ae" "$unit")" "$r" "$re" "$detail" "$target" "$(verdict "$r" le "$target" "$re")"
        [[ $findings == 0 ]] || echo "| (the agent logged $findings findings during $id) | | | | | | |"
      done <"$results/jmh-$name.tsv"
    fi
    if [[ -f $results/demo-$name.tsv ]]; then
      IFS=$'\t' read -r v pm psd am asd rm rsd up ua dmib hmib findings wm wsd warmup <"$results/demo-$name.tsv"
      printf '| demo load (hardened), events handled/s after a %s warm-up, plain and agent side by side | %s | %.0f ± %.0f /s | %.0f ± %.0f /s | %.3f ± %.3f | ≥ 0.98 | %s |\n' \
        "$warmup" "$version" "$pm" "$psd" "$am" "$asd" "$rm" "$rsd" "$(verdict "$rm" ge 0.98 "$rsd")"
      printf '| (the same runs, warm-up included: agent / plain %.3f ± %.3f, not judged) | | | | | | |\n' "$wm" "$wsd"
    fi
    if [[ -f $results/startup-$name.tsv ]]; then
      while IFS=$'\t' read -r v kind runs pmed piqr amed aiqr dmed diqr target; do
        case $kind in
          warm-endpoint) what="warm, metrics endpoint on" ;;
          warm-agentlib) what="warm, started as -agentlib:instrument=audit.jar=..." ;;
          noop-javaagent) what="reference, not our agent: -javaagent with a premain that does nothing" ;;
          *) what=$kind ;;
        esac
        if [[ $target == - ]]; then
          goal="(the JVM's price)" result="not judged"
        else
          goal="≤ +$target ms" result=$(verdict "$dmed" le "$target" "$(awk -v i="$diqr" 'BEGIN { print i / 2 }')")
        fi
        printf '| start-up, %s (java Hello, median of %s pairs, IQR) | %s | %s ms (%s) | %s ms (%s) | %+.1f ms (IQR %s) | %s | %s |\n' \
          "$what" "$runs" "$version" "$pmed" "$piqr" "$amed" "$aiqr" "$dmed" "$diqr" "$goal" "$result"
      done <"$results/startup-$name.tsv"
    fi
    if [[ -f $results/demo-$name.tsv ]]; then
      printf '| heap retained by the agent after GC, demo load | %s | %d KiB used | %d KiB used | %+.2f MiB (agent classes alone: %.2f MiB) | ≤ 16 MiB | %s |\n' \
        "$version" "$up" "$ua" "$dmib" "$hmib" "$(verdict "$dmib" le 16)"
    fi
  done
  echo
  if [[ ${#cpu_flag[@]} -gt 0 ]]; then
  echo "JMH scores are the mean of every measured iteration of the JVMs without (or with) the agent; each has half the CPU"
  echo "(they run side by side), so its time per operation is about twice a JVM's alone. The ratio is the mean of the rounds'"
  echo "ratios, its error the 99.9% half-width of Student's t over the rounds. Beside it, not judged: the lowest and highest"
  echo "round, and how far a paired iteration's ratio strayed from its round's; demo ± is the standard"
  else
  echo "JMH scores are the mean of every measured iteration of the forks without (or with) the agent, which alternate"
  echo "(--pairs); errors are 99.9% confidence half-widths (ratio: relative errors in quadrature). Beside it, not judged:"
  echo "the ratio of the iterations' medians, which a slow spell of the host hardly moves, and its 99.9% interval (a"
  echo "bootstrap that resamples whole forks); demo ± is the standard"
  fi
  echo "deviation over rounds of a plain and an agent run side by side; start-up is the median of the per-pair differences with its IQR (half of it"
  echo "is the error used for the verdict). pass/FAIL: the whole error interval is on that side of the target; noisy:"
  echo "it straddles the target. Logs and raw results: bench/target/results/. Method: bench/README.md."
} >"$results/report.md"
cat "$results/report.md"
exit $failed
