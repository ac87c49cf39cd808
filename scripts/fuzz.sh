#!/usr/bin/env bash
# Fuzzes every parser of user bytes (fuzz/fuzz_targets/) for SECONDS each (default 60), then prints
# the executions and findings per target. Exit status 1 when any target crashed, timed out or ran out
# of memory; the inputs that did so are in target/fuzz/artifacts/<target>/ (make each a regression
# test).
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]
#
# Stable toolchain only: libFuzzer comes from the libfuzzer-sys crate (built with the machine's C++
# compiler) and coverage from rustc's stable codegen options (-C passes=sancov-module and LLVM's
# sanitizer-coverage flags), the instrumentation cargo-fuzz adds, without a sanitizer runtime (which
# needs nightly). Rust code is memory-safe without one: what is looked for are panics, overflows
# (debug assertions and overflow checks are on), unbounded work (-timeout=1: no input may take over
# a second) and unbounded memory (-rss_limit_mb).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-60}
shift || true
# Input size caps per target: large enough for real inputs of the kind (signatures are ~20 KB, a
# systeminfo a few KB), small enough that each target runs fast; FUZZ_MAX_LEN overrides them all.
max_len_of() {
  case $1 in
    recognisers|cert_text) echo "${FUZZ_MAX_LEN:-8192}" ;;
    check_bytes) echo "${FUZZ_MAX_LEN:-16384}" ;;
    *) echo "${FUZZ_MAX_LEN:-32768}" ;;
  esac
}
all=(check_bytes certificate_der pkcs7_sst pe msi script recognisers cert_text analysis_bytes)
targets=("${@:-${all[@]}}")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="$ROOT/target/fuzz"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
echo "[fuzz] building ${#targets[@]} targets (instrumented, release) …"
cargo build --release --locked -q --manifest-path fuzz/Cargo.toml --target "$host" \
  $(printf -- '--bin %s ' "${targets[@]}")
bin="$CARGO_TARGET_DIR/$host/release"

# Seeds: the fixtures each parser reads (copied, so that the corpus may grow without touching them).
seeds() {
  local f="tests/fixtures"
  case $1 in
    check_bytes) find "$f" -type f ! -name '*.md' ! -name '*.py' ! -name '*.sh' ! -name '.gitattributes' ;;
    certificate_der) find "$f/certs" "core/data/certs" -type f \( -name '*.cer' -o -name '*.p7b' -o -name '*.pem' \) ;;
    pkcs7_sst) find "$f" -type f \( -name '*.p7' -o -name '*.p7b' -o -name '*.sst' \) ;;
    pe) find "$f" -type f -name '*.exe' ;;
    msi) find "$f" -type f -name '*.msi' ;;
    script) find "$f" -type f -name '*.ps1' ;;
    recognisers) find "$f/systeminfo" -type f ;;
    cert_text) find "$f/certs" -type f \( -name '*.txt' -o -name '*.reg' -o -name '*.csv' -o -name '*.pem' \) ;;
    analysis_bytes)
      # The analyses of every fixture, as the verifier encodes them (written by the round-trip test).
      local dir="$CARGO_TARGET_DIR/seeds/analysis_bytes"
      mkdir -p "$dir"
      env -u RUSTFLAGS CARGO_TARGET_DIR="$ROOT/target" ACS_FUZZ_SEEDS="$dir" \
        cargo test --locked -q -p acs-check --test analysis_bytes every_fixture >/dev/null
      find "$dir" -type f ;;
  esac
}

total=0
failed=0
printf '\n%-16s %14s %10s %10s  %s\n' target executions exec/s corpus findings
for t in "${targets[@]}"; do
  max_len=$(max_len_of "$t")
  corpus="$CARGO_TARGET_DIR/corpus/$t"
  artifacts="$CARGO_TARGET_DIR/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  # Seeds under the input cap (libFuzzer's -max_len below): real signatures, certificates and
  # systeminfo outputs are smaller; the hostile-size fixtures are covered by the core's tests.
  seeds "$t" | while read -r s; do
    [ "$(stat -c %s "$s")" -le "$max_len" ] && cp -n "$s" "$corpus/$(sha1sum "$s" | cut -c1-16)" || true
  done
  log="$CARGO_TARGET_DIR/$t.log"
  set +e
  "$bin/$t" "$corpus" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  findings=$(find "$artifacts" -type f | wc -l)
  runs=${runs:-0}
  total=$((total + runs))
  note=$findings
  if [ "$status" -ne 0 ] || [ "$findings" -gt 0 ]; then
    failed=1
    note="$findings (exit $status; see $log)"
    grep -m3 -E 'panicked|ERROR|SUMMARY' "$log" | sed 's/^/    /' || true
  fi
  printf '%-16s %14s %10s %10s  %s\n' "$t" "$runs" "${speed:-?}" "$size" "$note"
done
printf '%-16s %14s\n' total "$total"
exit "$failed"
