#!/usr/bin/env bash
# Coverage-guided fuzzing of the runtime's guest-facing C code with libFuzzer, ASan and UBSan for MINUTES (default
# 30), at low priority. Targets and the invariant they check: docs/runtime.md, "Fuzzing the runtime".
#   bench/cfuzz.sh TARGET [MINUTES]      bench/cfuzz.sh list
# A finding (crash-*, timeout-*, oom-*) fails the run and is written into the target's committed corpus
# (hypervisor-runtime/src/test/fuzz/corpus/<target>/), which `mvn verify` replays (CFuzzCorpusTest). The corpus the
# run grows stays in hypervisor-runtime/target/cfuzz-corpus/<target>/ (not committed) and seeds the next run.
# Needs clang (clang-14 on Debian 12) and libclang-rt-14-dev (scripts/install-deps.sh), and the generated blob header:
# build the module once (mvn -B -ntp -pl hypervisor-runtime -am install -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/hypervisor-runtime/src/test/fuzz"
targets="vgic2 vgic3 virtio psci blob"

if [ $# -lt 1 ] || [ "$1" = list ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  echo "usage: bench/cfuzz.sh TARGET [MINUTES]; targets:"
  for t in $targets; do printf '  %-8s %s\n' "$t" "$(sed -n '1s|^/\* Fuzz target [a-z0-9]*: ||p' "$fuzz/$t.c")"; done
  [ $# -ge 1 ] && [ "$1" = list ]; exit $?
fi
target="$1"; minutes="${2:-30}"
case " $targets " in *" $target "*) ;; *) echo "bench/cfuzz.sh: no target \`$target\` (bench/cfuzz.sh list)" >&2; exit 2;; esac
gen="$root/hypervisor-runtime/target/gen"
[ -f "$gen/shyper_config.h" ] || { echo "bench/cfuzz.sh: no $gen/shyper_config.h: run mvn -B -ntp -pl hypervisor-runtime -am install -DskipTests first" >&2; exit 2; }

bin="$root/hypervisor-runtime/target/fuzz"
make -s -C "$fuzz" OUT="$bin" GEN="$gen" "$bin/$target"
seeds="$fuzz/corpus/$target"
work="$root/hypervisor-runtime/target/cfuzz-corpus/$target"
mkdir -p "$seeds" "$work" "$root/bench/target/cfuzz"
log="$root/bench/target/cfuzz/$target.log"
before="$(find "$seeds" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | sort)"
echo "fuzzing $target for $minutes min; log: ${log#"$root"/}"
status=0
nice -n 10 "$bin/$target" -max_total_time=$((minutes * 60)) -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$seeds/" "$work" "$seeds" > "$log" 2>&1 || status=$?

first="$(grep -E '^#[0-9]+[[:space:]]+INITED' "$log" | tail -1 || true)"
last="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
[ -n "$last" ] || last="$(grep -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$log" | tail -1 || true)"
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
after="$(find "$seeds" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | sort)"
new="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
echo "target:    $target"
echo "start:     ${first:-none (see the log)}"
echo "end:       ${last:-none (see the log)}"
echo "runs:      ${runs:-?} (${speed:-?}/s)"
echo "findings:  $(echo -n "$new" | grep -c . || true)"
[ -z "$new" ] || { echo "$new" | sed "s|^$root/|  |"; grep -m3 -E 'violation|ERROR|runtime error' "$log" | sed 's/^/  /'; }
exit "$status"
