#!/usr/bin/env bash
# Whole-process comparison on the same capture in the same run: wall time and peak RSS of
#   analyzer        skypedissect analyze FILE --frames --format tsv          (Native AOT publish)
#   analyzer-r2r    the same, as the ReadyToRun build the dotnet tool packages hold
#   ndpiReader      ndpiReader -i FILE -q                                    (nDPI's reader, quiet)
#   tshark          tshark -n -r FILE -T fields -e frame.number
#   tshark+plugin   the same with -X lua_script:generated/skype_login.lua
# Output goes to /dev/null. Each figure is the median of the runs (time and RSS separately).
# Prints a markdown table and the ratios the issue sets targets for (docs/benchmarks.md).
#
# Usage: scripts/bench/whole-process.sh [--quick] [--runs N] [--max-seconds S] [-o DIR] [--no-build] [--cli DLL]
#                                      [--tools T,...] [--alt-cli DLL] [FRAMES...]
#   FRAMES         capture sizes, built by make-captures.sh (default 100000 1000000)
#   --quick        20000 frames, one run: for CI, well under a minute
#   --runs N       runs per tool and size (default 3)
#   --max-seconds  stop repeating a tool on a size once its runs took this long together (default 300);
#                  the runs column says how many were made
#   -o DIR         keep the captures in DIR and reuse those already there (default: a temporary folder)
#   --no-build     use the existing Release build of the CLI (bin/Release: JIT, neither AOT nor ReadyToRun)
#   --cli PATH     measure this skypedissect.dll or native skypedissect instead (implies --no-build)
#   --tools T,...  only these of analyzer, ndpiReader, tshark, tshark+plugin (default: all)
#   --alt-cli PATH also measure this second build, as "analyzer-alt", right after "analyzer"
#                  (when building, the ReadyToRun build is measured this way, as "analyzer-r2r")
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=3
max_seconds=300
keep=""
build=1
cli=""
alt_cli=""
alt_name=analyzer-alt
tools=(analyzer ndpiReader tshark tshark+plugin)
sizes=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) sizes=(20000); runs=1 ;;
        --runs) runs="$2"; shift ;;
        --max-seconds) max_seconds="$2"; shift ;;
        -o) keep="$2"; shift ;;
        --no-build) build=0 ;;
        --cli) cli="$2"; build=0; shift ;;
        --tools) IFS=',' read -ra tools <<<"$2"; shift ;;
        --alt-cli) alt_cli="$2"; shift ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "whole-process: unknown option $1" >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
# What the measurement needs, installed when missing and running as root on Debian (as tests/run.sh does).
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v tcprewrite >/dev/null || need+=(tcpreplay)
command -v ndpiReader >/dev/null || need+=(libndpi-bin)
command -v tshark >/dev/null || need+=(tshark)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${need[*]}" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
[ -x /usr/bin/time ] || { echo "whole-process: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/skypedissect-whole.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
captures="${keep:-$tmp/captures}"
mkdir -p "$captures"
# tshark gets an empty configuration folder: no personal plugins or preferences in the measurement.
mkdir -p "$tmp/wireshark"

plugin="$root/generated/skype_login.lua"
if [ "$build" = 1 ]; then
    # What `dotnet publish -r RID` gives: a Native AOT executable (no JIT, no runtime start-up). And what the
    # RID-specific tool packages of `dotnet pack` hold: the same code compiled ReadyToRun, run by dotnet.
    rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
    echo "publishing the CLI (Release, $rid, Native AOT and ReadyToRun)" >&2
    dotnet publish "$root/src/SkypeDissect.Cli" -c Release -r "$rid" -o "$tmp/publish" -v q -nologo >&2
    cli="$tmp/publish/skypedissect"
    if [ -z "$alt_cli" ]; then
        dotnet publish "$root/src/SkypeDissect.Cli" -c Release -r "$rid" -p:PublishAot=false -o "$tmp/publish-r2r" -v q -nologo >&2
        alt_cli="$tmp/publish-r2r/skypedissect.dll"
        alt_name=analyzer-r2r
    fi
fi
[ -n "$cli" ] || cli="$root/src/SkypeDissect.Cli/bin/Release/net10.0/skypedissect.dll"
[ -f "$cli" ] || { echo "whole-process: $cli is missing; build in Release first" >&2; exit 1; }
if [ -n "$alt_cli" ]; then
    [ -f "$alt_cli" ] || { echo "whole-process: $alt_cli is missing" >&2; exit 1; }
    with_alt=()
    for t in "${tools[@]}"; do
        with_alt+=("$t")
        [ "$t" = analyzer ] && with_alt+=("$alt_name")
    done
    tools=("${with_alt[@]}")
fi

missing=()
for n in "${sizes[@]}"; do
    [ -f "$captures/bench-$n.pcap" ] || missing+=("$n")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "building captures: ${missing[*]} frames" >&2
    "$root/scripts/bench/make-captures.sh" -o "$captures" "${missing[@]}" >/dev/null
fi

# How to start a build of the CLI: a .dll through dotnet, a native executable by itself.
launcher() { case "$1" in *.dll) echo "dotnet $1" ;; *) echo "$1" ;; esac; }

# Runs tool $1 on file $2 once; prints "wall-seconds KiB cpu-seconds", or fails when the tool failed.
run_once() {
    local tool=$1 file=$2
    local -a cmd
    case "$tool" in
        analyzer) cmd=($(launcher "$cli") analyze "$file" --frames --format tsv) ;;
        "$alt_name") cmd=($(launcher "$alt_cli") analyze "$file" --frames --format tsv) ;;
        ndpiReader) cmd=(ndpiReader -i "$file" -q) ;;
        tshark) cmd=(env WIRESHARK_CONFIG_DIR="$tmp/wireshark" HOME="$tmp/wireshark" tshark -n -r "$file" -T fields -e frame.number) ;;
        tshark+plugin) cmd=(env WIRESHARK_CONFIG_DIR="$tmp/wireshark" HOME="$tmp/wireshark" tshark -n -r "$file" -X "lua_script:$plugin" -T fields -e frame.number) ;;
        *) echo "whole-process: unknown tool $tool" >&2; return 1 ;;
    esac
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "${cmd[@]}" >/dev/null 2>"$tmp/stderr"; then
        echo "whole-process: $tool failed on $file:" >&2
        tail -5 "$tmp/stderr" >&2
        return 1
    fi
    tail -1 "$tmp/time" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A secs mib cpu done_runs
for n in "${sizes[@]}"; do
    file="$captures/bench-$n.pcap"
    frames="$(capinfos -T -r -c -M "$file" | cut -f2)"
    [ "$frames" = "$n" ] || { echo "whole-process: $file has $frames frames, expected $n" >&2; exit 1; }
    cat "$file" >/dev/null # into the page cache before the first timed run
    for tool in "${tools[@]}"; do
        bin="${tool%%+*}"
        [[ "$tool" = analyzer* ]] && bin=dotnet
        if ! command -v "$bin" >/dev/null; then
            echo "whole-process: $bin is not installed; $tool skipped" >&2
            continue
        fi
        : >"$tmp/samples"
        total=0
        for ((r = 1; r <= runs; r++)); do
            echo "  $tool, $n frames, run $r" >&2
            run_once "$tool" "$file" >>"$tmp/samples"
            total="$(awk -v t="$total" -v s="$(tail -1 "$tmp/samples" | cut -d' ' -f1)" 'BEGIN { print t + s }')"
            awk -v t="$total" -v m="$max_seconds" 'BEGIN { exit !(t > m) }' && { r=$((r + 1)); break; }
        done
        done_runs[$tool,$n]=$((r - 1))
        secs[$tool,$n]="$(cut -d' ' -f1 "$tmp/samples" | median)"
        mib[$tool,$n]="$(cut -d' ' -f2 "$tmp/samples" | median | awk '{ printf "%.1f", $1 / 1024 }')"
        cpu[$tool,$n]="$(cut -d' ' -f3 "$tmp/samples" | median)"
    done
done

have() { [ -n "${secs[$1,$2]:-}" ]; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == ">=" ? v >= t : v <= t; print ok ? "met" : "MISSED" }'; }

echo "| tool | frames | runs | seconds (median) | frames/s | CPU seconds (median) | peak MiB (median) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    for tool in "${tools[@]}"; do
        have "$tool" "$n" || continue
        fps="$(awk -v f="$n" -v s="${secs[$tool,$n]}" 'BEGIN { printf "%.0f", (s > 0 ? f / s : 0) }')"
        echo "| $tool | $n | ${done_runs[$tool,$n]} | ${secs[$tool,$n]} | $fps | ${cpu[$tool,$n]} | ${mib[$tool,$n]} |"
    done
done
# Ratios of the targets, from wall time (what the issue asks) and from CPU time (user + system, steadier
# when other work shares the machine). $1 names the array: secs or cpu.
ratios() {
    local -n t=$1
    echo "| frames | basis | analyzer/ndpiReader (frames/s) | analyzer/tshark (frames/s) | (tshark+plugin)/tshark (time) |"
    echo "|---:|---|---:|---:|---:|"
    for n in "${sizes[@]}"; do
        for a in analyzer "$alt_name"; do
            [ "$a" = analyzer ] || have "$a" "$n" || continue
            local a_n="-" a_t="-" p_t="-" label="$2"
            [ "$a" = analyzer ] || label="$2, $a"
            if have "$a" "$n" && have ndpiReader "$n"; then
                a_n="$(ratio "${t[ndpiReader,$n]}" "${t[$a,$n]}")"
                a_n="$a_n ($(verdict "$a_n" ">=" 3) >= 3)"
            fi
            if have "$a" "$n" && have tshark "$n"; then
                a_t="$(ratio "${t[tshark,$n]}" "${t[$a,$n]}")"
                a_t="$a_t ($(verdict "$a_t" ">=" 10) >= 10)"
            fi
            if [ "$a" = analyzer ] && have tshark+plugin "$n" && have tshark "$n"; then
                p_t="$(ratio "${t[tshark+plugin,$n]}" "${t[tshark,$n]}")"
                p_t="$p_t ($(verdict "$p_t" "<=" 3) <= 3)"
            fi
            echo "| $n | $label | $a_n | $a_t | $p_t |"
        done
    done
}
echo
ratios secs wall
echo
ratios cpu CPU
echo
for n in "${sizes[@]}"; do
    for a in analyzer "$alt_name"; do
        have "$a" "$n" && echo "$a peak RSS at $n frames: ${mib[$a,$n]} MiB ($(verdict "${mib[$a,$n]}" "<=" 100) < 100 MiB)."
    done
done

# The analyzer's memory must not grow with the file: compare its peak at the smallest and largest size.
if [ ${#sizes[@]} -gt 1 ]; then
    mapfile -t sorted < <(printf '%s\n' "${sizes[@]}" | sort -n)
    lo="${sorted[0]}" hi="${sorted[-1]}"
    for a in analyzer "$alt_name"; do
        if have "$a" "$lo" && have "$a" "$hi"; then
            echo "$a peak RSS: ${mib[$a,$lo]} MiB at $lo frames, ${mib[$a,$hi]} MiB at $hi frames" \
                "($(awk -v x="${mib[$a,$lo]}" -v y="${mib[$a,$hi]}" 'BEGIN { printf "%+.0f%%", (y - x) * 100 / x }'))."
        fi
    done
fi
