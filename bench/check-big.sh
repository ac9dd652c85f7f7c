#!/usr/bin/env bash
# The user's case for a large system: a cold `shyperc check` of one file of SIZE elements (the file
# CpuTime compiles warm, from LargeSystem, with a 64 KiB kernel image beside it), through the launcher.
# Each OPTS is a set of extra JVM options handed over in SHYPERC_JAVA_OPTS (so they come after the
# launcher's own); "" is the launcher as it is. The sets run interleaved, N rounds, and for each set
# the medians: wall and CPU time (user + system of the process), maximum resident set, and from the
# collector's log the pauses and the peak heap (the heap in use before each collection and at exit).
#   bench/check-big.sh N SIZE OPTS...      e.g. bench/check-big.sh 9 100000 "" "-Xmn1g"
# Needs bench/target/benchmarks.jar (the first command of bench/README.md builds it). A check that exits
# other than 0 or 1 (findings) stops the run: a crash must not be timed as a result.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="$1"; size="$2"; shift 2
[ "$#" -gt 0 ] || set -- ""
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Gen.java" <<'EOF'
public class Gen {
    public static void main(String[] a) throws Exception {
        java.nio.file.Files.writeString(java.nio.file.Path.of(a[1]), org.shyperc.bench.LargeSystem.text(Integer.parseInt(a[0])));
    }
}
EOF
java -cp "$root/bench/target/benchmarks.jar" "$work/Gen.java" "$size" "$work/big.shy"
head -c 65536 /dev/zero > "$work/Image"
cd "$work"
# check's statuses: 0 clean, 1 findings (this file has some); anything else is a failure, not a sample
checked() { [ "$1" -le 1 ] || { echo "check-big: shyperc check exited $1 (options: ${2:-none})" >&2; exit 1; }; }
st=0; "$root/shyperc" check big.shy >/dev/null 2>&1 || st=$?   # builds the jar and its archive if needed
checked "$st" ""
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for ((i = 0; i < $#; i++)); do : > "w$i"; : > "c$i"; : > "r$i"; : > "g$i"; : > "p$i"; done
for _ in $(seq "$n"); do
  i=0
  for opts in "$@"; do
    rm -f "$work/gc.log"
    s=${EPOCHREALTIME//[.,]/}; st=0
    SHYPERC_JAVA_OPTS="$opts -Xlog:gc,gc+heap+exit:file=$work/gc.log" \
      /usr/bin/time -f '%U %S %M' -o "$work/time" "$root/shyperc" check big.shy >/dev/null 2>&1 || st=$?
    e=${EPOCHREALTIME//[.,]/}
    checked "$st" "$opts"
    [ -s "$work/gc.log" ] || { echo "check-big: no collector log, the JVM did not start (options: ${opts:-none})" >&2; exit 1; }
    echo $(( (e - s) / 1000 )) >> "w$i"
    read -r u sy rss < <(tail -n 1 "$work/time")
    awk -v u="$u" -v s="$sy" 'BEGIN { printf "%d\n", (u + s) * 1000 }' >> "c$i"
    echo $(( rss / 1024 )) >> "r$i"
    # "Pause Young (Allocation Failure) 104M->90M(380M) 120.123ms"; at exit "... generation total 1K, used 2K"
    awk '/Pause/ { split($(NF-1), a, "->"); b = a[1] + 0; if (b > peak) peak = b; t += $NF + 0 }
         /gc,heap,exit/ && /generation/ { for (k = 1; k <= NF; k++) if ($k == "used") { u = $(k+1); sub(/K,?$/, "", u); used += u } }
         END { used = used / 1024; if (used > peak) peak = used; printf "%d %d\n", t, peak }' "$work/gc.log" > "$work/gc"
    read -r t peak < "$work/gc"
    echo "$t" >> "g$i"; echo "$peak" >> "p$i"
    i=$((i + 1))
  done
done
echo "cold \`shyperc check\` of $size elements, $n interleaved rounds (medians), load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %8s %8s %8s %8s %10s\n' "SHYPERC_JAVA_OPTS" "wall ms" "CPU ms" "GC ms" "RSS MB" "peak heap"
i=0
for opts in "$@"; do
  printf '%-28s %8s %8s %8s %8s %10s\n' "${opts:-(none)}" "$(median < "w$i")" "$(median < "c$i")" "$(median < "g$i")" \
    "$(median < "r$i")" "$(median < "p$i")"
  i=$((i + 1))
done
