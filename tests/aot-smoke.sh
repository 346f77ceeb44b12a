#!/usr/bin/env bash
# The Native AOT build of the tool (what `dotnet publish -r RID` gives and the benchmark measures) must behave
# as the JIT build the unit tests run: for each command below, the same standard output, standard error and
# exit code. Trimming or AOT could otherwise break what reflection reaches (the JSON writers, Scriban in
# generate, learn --emit, report and export; the JSON reader of --signatures) without any unit test noticing.
# Usage: bash tests/aot-smoke.sh [JIT_DLL]   (needs clang for the native link; CI installs it)
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
jit_dll="${1:-src/SkypeDissect.Cli/bin/Release/net10.0/skypedissect.dll}"
[ -f "$jit_dll" ] || { echo "aot-smoke: $jit_dll is missing; build in Release first" >&2; exit 1; }
if ! command -v clang >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then echo "aot-smoke: clang is missing (apt-get install clang zlib1g-dev)" >&2; exit 1; fi
    echo "aot-smoke: skipped, clang is missing (apt-get install clang zlib1g-dev)" >&2
    exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/skypedissect-aot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
echo "aot-smoke: publishing the Native AOT build for $rid" >&2
if ! dotnet publish src/SkypeDissect.Cli -c Release -r "$rid" -o "$work/aot" -v q -nologo >"$work/publish.log" 2>&1; then
    cat "$work/publish.log" >&2
    echo "aot-smoke: the AOT publish failed" >&2
    exit 1
fi
aot="$work/aot/skypedissect"
[ -x "$aot" ] || { echo "aot-smoke: $aot is not a native executable" >&2; exit 1; }

real=tests/data/real/skype-7.7.3-login-macos-2015.pcap
head -c 30000 tests/cases/login-normal/capture.pcap >"$work/cut.pcap"
gzip -c tests/cases/login-normal/capture.pcap >"$work/sample.pcap.gz"
commands=(
    "--version"
    "signatures"
    "signatures --format json"
    "signatures --version 7.7.3 --format json"
    "analyze $real --frames --format tsv"
    "analyze $real --sessions --format json"
    "analyze $real"
    "analyze tests/cases/login-normal/capture.pcap tests/cases/two-clients/capture.pcap --frames --format csv"
    "analyze tests/cases/login-normal/capture.pcap --frames --format json"
    "learn $real --as 7.7.3 --base 6.3.0.197 --format json"
    "learn $real --as 7.7.3 --base 6.3.0.197 --emit /dev/stdout --force"
    "learn $real --as 7.7.3 --base 7.7.3"
    "learn $real --as 7.7.3 --emit /dev/stdout"
    "learn $real tests/cases/login-normal/capture.pcap --as 7.7.3 --format json"
    "learn $real tests/cases/login-normal/capture.pcap --as 7.7.3 --base 7.7.3 --emit /dev/stdout --force"
    "generate --check --output generated"
    "plugin path"
    "analyze $work/cut.pcap --frames --format tsv"
    "analyze /dev/zero"
    "capture --interface no-such-interface0 --duration 1"
    "analyze --no-such-option"
    "export ndpi"
    "export bpf --versions 7.7.3"
    "export colors"
    "report tests/cases/all-blocked-retry-15s/capture.pcap --output /dev/stdout"
    "learn $real --as 7.7.4 --base 7.7.3 --emit $work/v774.json --force"
    "analyze $real --frames --format tsv --versions 7.7.4 --signatures $work/v774.json"
    "generate --signatures $work/v774.json --output $work/gen"
    "analyze $work/sample.pcap.gz --frames"
    "analyze $work/sample.pcap.gz --sessions --format json"
    "analyze --format xml $real"
    "analyze $real --jobs abc"
    "analyz $real"
    "learn $real"
    "plugin install --tshark $work/no-such-tshark"
    "analyze - --frames < tests/cases/login-normal/capture.pcap"
    "analyze - < $work/sample.pcap.gz"
)
for d in tests/cases/*/; do
    for c in "$d"capture.pcap "$d"capture.pcapng; do
        [ -f "$c" ] && commands+=("analyze $c --frames --format tsv" "analyze $c --sessions --format json")
    done
done

failed=0
for line in "${commands[@]}"; do
    # "ARGS < FILE" gives FILE on standard input (analyze -); otherwise standard input is empty.
    cmd="${line% < *}"
    input=/dev/null
    [ "$cmd" != "$line" ] && input="${line##* < }"
    # shellcheck disable=SC2086 # the commands are word lists without quoting needs
    dotnet "$jit_dll" $cmd <"$input" >"$work/jit.out" 2>"$work/jit.err"; jit_rc=$?
    # shellcheck disable=SC2086
    "$aot" $cmd <"$input" >"$work/aot.out" 2>"$work/aot.err"; aot_rc=$?
    if [ "$jit_rc" != "$aot_rc" ] || ! cmp -s "$work/jit.out" "$work/aot.out" || ! cmp -s "$work/jit.err" "$work/aot.err"; then
        echo "aot-smoke: differs: skypedissect ${line//$root\//} (exit $jit_rc vs $aot_rc)" >&2
        diff "$work/jit.out" "$work/aot.out" | head -5 >&2
        diff "$work/jit.err" "$work/aot.err" | head -5 >&2
        failed=$((failed + 1))
    fi
done
echo "aot-smoke: ${#commands[@]} commands, $failed differ between the JIT and the Native AOT build"
[ "$failed" = 0 ]
