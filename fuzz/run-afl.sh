#!/usr/bin/env bash
# The long fuzzing campaign: SharpFuzz-instrumented analyzer under AFL++ (docs/fuzzing.md).
# Usage: bash fuzz/run-afl.sh [SECONDS] [learn]    (default 1800 s; 'learn' also runs the learner per input)
# Output in fuzz/out/: bin/ (instrumented build), corpus/ (seeds), findings/ or findings-learn/ (AFL's queue,
# crashes, hangs, fuzzer_stats with execs_done). A fresh run replaces the findings of the same mode.
# Reproduce a finding: dotnet fuzz/out/bin/SkypeDissect.Fuzz.dll replay fuzz/out/findings/default/crashes/id:...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
mode=${2:-}
out=fuzz/out

if ! command -v afl-fuzz >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends afl++ >/dev/null
    else
        echo "afl-fuzz is missing: apt-get install afl++" >&2
        exit 5
    fi
fi
command -v editcap >/dev/null 2>&1 || { echo "editcap is missing: apt-get install tshark (or wireshark-common)" >&2; exit 5; }

# The sharpfuzz instrumenter, pinned, installed beside the output rather than globally.
if [ ! -x "$out/tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi

rm -rf "$out/bin"
dotnet publish fuzz/SkypeDissect.Fuzz -c Release -o "$out/bin" -v q -nologo
# Only the analyzer is instrumented: its branches are what AFL should explore (the model is static data).
"$out/tools/sharpfuzz" "$out/bin/SkypeDissect.Analyzer.dll"

# Seeds: AFL works best on small inputs, so each capture is cut to its first 24 records, as pcap and as
# pcapng; the fuzz regression inputs join them as they are.
rm -rf "$out/corpus"
mkdir -p "$out/corpus"
for f in tests/cases/*/capture.pcap tests/data/real/*.pcap* tests/data/negative/*.pcap*; do
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    editcap -r "$f" "$out/corpus/$name.pcap" 1-24 2>/dev/null || true
    editcap -F pcapng -r "$f" "$out/corpus/$name.pcapng" 1-24 2>/dev/null || true
done
if [ -d tests/data/fuzz ]; then
    cp tests/data/fuzz/* "$out/corpus/" 2>/dev/null || true
fi
echo "seeds: $(ls "$out/corpus" | wc -l) files, $(du -sh "$out/corpus" | cut -f1)"

# dotnet itself is not AFL-instrumented (SharpFuzz reports coverage through the shared memory), hence the
# binary check is skipped; -t is generous because the first run of a fresh process JIT-compiles.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_TieredPGO=0
args=()
findings=$out/findings
if [ "$mode" = learn ]; then
    args+=(learn)
    findings=$out/findings-learn
fi
rm -rf "$findings"
afl-fuzz -i "$out/corpus" -o "$findings" -t 5000 -m none -V "$seconds" -- dotnet "$out/bin/SkypeDissect.Fuzz.dll" "${args[@]}"
