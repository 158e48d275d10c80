#!/usr/bin/env bash
# Hot methods of a JFR recording (jdk.ExecutionSample): top frames by self samples, the agent's frames
# (dev.jvmaudit.*) by inclusive samples (share of the given threads' samples), and allocation under agent frames.
# usage: bench/jfr-hot.sh FILE.jfr [THREAD-NAME-REGEX (default: JMH's worker threads)] [TOP (default 15)]
set -euo pipefail
file=$1
threads=${2:-'worker|jmh'}
top=${3:-15}
jfr=$(dirname "$(readlink -f "$(command -v java)")")/jfr
"$jfr" print --events jdk.ExecutionSample --stack-depth 64 "$file" | awk -v want="$threads" -v top="$top" '
  /^jdk.ExecutionSample/ { inev = 1; n = 0; thread = ""; next }
  inev && /sampledThread = / { thread = $0 }
  inev && /^[ \t]+[a-zA-Z_$][^ ]*\(.*\)/ { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); frames[++n] = f }
  inev && /^}/ { inev = 0
    if (thread !~ want) next
    total++; self[frames[1]]++
    delete seen
    for (i = 1; i <= n; i++) if (frames[i] ~ /dev\.jvmaudit\.(agent|bootstrap)/ && !(frames[i] in seen)) { seen[frames[i]] = 1; agent[frames[i]]++ }
    for (i = 1; i <= n; i++) if (frames[i] ~ /dev\.jvmaudit\.(agent|bootstrap)/) { anyagent++; break } }
  END {
    printf "%d samples of threads matching /%s/; %d (%.1f%%) with an agent frame on the stack\n", total, want, anyagent, 100 * anyagent / (total ? total : 1)
    print "top frames (self):"
    for (f in self) printf "  %6.1f%%  %s\n", 100 * self[f] / total, f | "sort -rn | head -" top
    close("sort -rn | head -" top)
    print "agent frames (inclusive):"
    for (f in agent) printf "  %6.1f%%  %s\n", 100 * agent[f] / total, f | "sort -rn | head -" top
  }'
# allocation (jdk.ObjectAllocationSample, JDK 16+; record with configName=profile): by first agent frame and class
"$jfr" print --events jdk.ObjectAllocationSample --stack-depth 64 "$file" | awk -v top="$top" '
  /^jdk.ObjectAllocationSample/ { inev = 1; cls = ""; w = 0; af = ""; next }
  inev && /objectClass = / { cls = $3 }
  inev && /weight = / { w = $3; if ($4 ~ /kB/) w *= 1024; else if ($4 ~ /MB/) w *= 1048576; else if ($4 ~ /GB/) w *= 1073741824 }
  inev && /^[ \t]+dev\.jvmaudit\.(agent|bootstrap)/ && af == "" { af = $1 }
  inev && /^}/ { inev = 0; total += w; if (af != "") { a[af " allocates " cls] += w; at += w } }
  END {
    printf "allocation samples: %.1f MB in all, %.1f MB (%.1f%%) with an agent frame on the stack\n", total / 1048576, at / 1048576, 100 * at / (total ? total : 1)
    for (k in a) printf "  %6.1f%%  %s\n", 100 * a[k] / at, k | "sort -rn | head -" top
  }'
