#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with Jazzer for MINUTES (default 30), at low priority.
#   bench/fuzz.sh TARGET [MINUTES]      bench/fuzz.sh list
# A finding fails the run and is written as crash-<sha1> beside the target's seed corpus
# (src/test/resources/<package>/<Class>Inputs/<method>/), where `mvn verify` replays it.
# The corpus the run grows stays in <module>/.cifuzz-corpus/ (not committed) and seeds the next run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

targets() {
  cat <<'T'
parse      dsl      org.shyperc.dsl.parse.ParserFuzzTest
format     dsl      org.shyperc.dsl.format.FormatterFuzzTest
compile    compiler org.shyperc.compiler.props.CompilerFuzzTest
fdt        codegen  org.shyperc.codegen.fdt.FdtReaderFuzzTest
dtb        codegen  org.shyperc.codegen.devicetree.DtbImportFuzzTest
rustshyper codegen  org.shyperc.codegen.rustshyper.RustShyperImportFuzzTest    com.fasterxml.jackson.**
planjson   codegen  org.shyperc.codegen.emit.PlanJsonFuzzTest                  com.fasterxml.jackson.**
lsp        cli      org.shyperc.cli.lsp.DocumentEditsFuzzTest
T
}

if [ $# -lt 1 ] || [ "$1" = list ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  echo "usage: bench/fuzz.sh TARGET [MINUTES]; targets:"; targets | awk '{printf "  %-10s %s\n", $1, $3}'
  [ $# -ge 1 ] && [ "$1" = list ]; exit $?
fi
target="$1"; minutes="${2:-30}"
line="$(targets | awk -v t="$target" '$1 == t')"
[ -n "$line" ] || { echo "bench/fuzz.sh: no target \`$target\` (bench/fuzz.sh list)" >&2; exit 2; }
read -r _ module class extra <<<"$line"
# shyperc's classes are instrumented for coverage, and for the JSON readers Jackson's too
instrument="org.shyperc.**${extra:+,$extra}"

out="$root/bench/target/fuzz"; mkdir -p "$out"
log="$out/$target.log"
inputs="$root/$module/src/test/resources/$(dirname "${class//.//}")"
before="$(find "$inputs" -name 'crash-*' 2>/dev/null | sort)"
echo "fuzzing $class for $minutes min; log: ${log#"$root"/}"
cd "$root"
status=0
# -am: the modules it depends on come from their target/classes, so Jazzer instruments them too.
# Jazzer's path-traversal sanitizer is off: shyperc reads the files its input names, by design.
JAZZER_FUZZ=1 nice -n 10 mvn -B -ntp -q -pl "$module" -am test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.hooks=true -Djazzer.instrument="$instrument" -Djazzer.max_duration="${minutes}m" \
  -Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.FilePathTraversal \
  -DargLine=-Xmx2g -DtrimStackTrace=true > "$log" 2>&1 || status=$?

done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
[ -n "$done_line" ] || done_line="$(grep -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$log" | tail -1 || true)"
runs="$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
after="$(find "$inputs" -name 'crash-*' 2>/dev/null | sort)"
new="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
echo "target:    $target ($class)"
echo "last:      ${done_line:-none (see the log)}"
echo "runs:      ${runs:-?}"
echo "findings:  $(echo -n "$new" | grep -c . || true)"
[ -z "$new" ] || echo "$new" | sed "s|^$root/|  |"
exit "$status"
