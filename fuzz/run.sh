#!/usr/bin/env bash
# Fuzz every target in turn on one core: `fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]`.
# Needs nightly Rust and cargo-fuzz (`cargo install cargo-fuzz`). Corpora start from the
# committed seeds and the public debriefs in tests/corpus; crashes land in
# fuzz/artifacts/TARGET/ and belong in tests/fuzz-regressions/ once understood.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyse reuse edits framing config)

mkdir -p corpus/analyse corpus/reuse corpus/edits corpus/framing corpus/config
# The public debriefs are the analyser's seeds (SPEC: the corpus must never panic).
find ../tests/corpus -name '*.md' -exec cp -n {} corpus/analyse/ \;
# And every input an earlier session found, so a fixed bug that comes back is found first.
cp -n ../tests/fuzz-regressions/analyse/* corpus/analyse/
cp -n seeds/framing/* corpus/framing/
cp -n ../tests/fuzz-regressions/framing/* corpus/framing/ 2>/dev/null || true
cp -n seeds/config/* corpus/config/

for t in "${targets[@]}"; do
    # The analyser is safe Rust on safe dependencies: run it without ASan for speed.
    sanitizer=address
    [ "$t" = analyse ] || [ "$t" = reuse ] && sanitizer=none
    echo "==> $t for ${seconds}s (sanitizer: $sanitizer)"
    cargo +nightly fuzz run -O -s "$sanitizer" "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -max_len=262144 \
        -print_final_stats=1 2>&1 | tee "fuzz-$t.log" | grep -E '^#[0-9]+ +(DONE|pulse)|SUMMARY|crash-|timeout-|oom-|stat::' || true
done
