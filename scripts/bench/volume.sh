#!/usr/bin/env bash
# Adversarial volume (issue "Hostile input", item 4): the analyzer's peak memory on two captures made on
# the fly (never committed) by the benchmark project's generator (bench/SkypeDissect.Benchmarks/Volume):
#   flows   FLOWS distinct flows of one frame each; 7 of 8 are SYNs to a Table I login server, so they enter
#           the flow table and start a client's login state; 1 of 8 is unknown traffic
#   logins  CLIENTS clients 0.5 ms apart, each looking up dsnN.d.skype.net, probing the eight answered
#           servers over UDP, then: 1 in 3 completes on TCP 33033, 1 in 3 stays incomplete, 1 in 3 fails
# Runs (Release build, output piped to a counter or a file):
#   analyze FLOWS.pcap --frames          rows must equal the frames the generator says must be tagged
#   analyze LOGINS.pcap --frames         every frame must be tagged
#   analyze LOGINS.pcap --sessions --format tsv   client, outcome, stage, login server, position, retries
#                                                 must equal the generator's expectation for every client
# and fails when a check fails or a peak RSS passes its bound (--bound MiB for --frames, default 200;
# --sessions-bound MiB for --sessions, default 400: all clients log in within one login window, so every
# session is open at once). Every command's bound on its own hostile capture: scripts/bench/hostile.sh.
#
# Usage: scripts/bench/volume.sh [--quick] [--no-build] [--bound MIB] [--sessions-bound MIB] [FLOWS [CLIENTS]]
#   defaults: 10000000 flows, 100000 clients; --quick: 300000 and 20000
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
flows=10000000
clients=100000
bound=200
sessions_bound=400
build=1
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) flows=300000; clients=20000 ;;
        --no-build) build=0 ;;
        --bound) bound="$2"; shift ;;
        --sessions-bound) sessions_bound="$2"; shift ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "volume: unknown option $1" >&2; exit 2 ;;
        *) positional+=("$1") ;;
    esac
    shift
done
[ ${#positional[@]} -ge 1 ] && flows="${positional[0]}"
[ ${#positional[@]} -ge 2 ] && clients="${positional[1]}"
name=volume
. "$root/scripts/bench/common.sh"

echo "generating $flows flows and $clients clients in $tmp" >&2
must_tag="$(dotnet "$gen" volume flows "$flows" "$tmp/flows.pcap")"
crowd_frames="$(dotnet "$gen" volume logins "$clients" "$tmp/logins.pcap" "$tmp/logins.expected")"
cat "$tmp/flows.pcap" "$tmp/logins.pcap" >/dev/null # into the page cache

failed=0
printf '| capture | frames | run | wall s | CPU s | peak MiB | bound MiB | check |\n|---|---:|---|---:|---:|---:|---:|---|\n'
# measure NAME FRAMES BOUND EXPECTED_ROWS ARGS...: rows of standard output (less the header) must equal EXPECTED_ROWS.
measure() {
    local name=$1 frames=$2 limit=$3 expected=$4
    shift 4
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" dotnet "$cli" analyze "$@" 2>"$tmp/err" >"$tmp/out" || true
    read -r wall user sys kib <"$tmp/time"
    local rows mib cpu check=ok
    rows=$(($(wc -l <"$tmp/out") - 1))
    mib="$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')"
    cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    if [ "$rows" != "$expected" ]; then check="rows $rows, expected $expected"; failed=1; fi
    if awk -v m="$mib" -v b="$limit" 'BEGIN { exit !(m >= b) }'; then check="$check; over the bound"; failed=1; fi
    printf '| %s | %s | `%s` | %s | %s | %s | %s | %s |\n' "$name" "$frames" "${*:2}" "$wall" "$cpu" "$mib" "$limit" "$check"
}
measure "flows ($flows)" "$flows" "$bound" "$must_tag" "$tmp/flows.pcap" --frames
measure "logins ($clients clients)" "$crowd_frames" "$bound" "$crowd_frames" "$tmp/logins.pcap" --frames
measure "logins ($clients clients)" "$crowd_frames" "$sessions_bound" "$clients" "$tmp/logins.pcap" --sessions --format tsv
# The sessions of the last run against the generator's expectation, client by client.
tail -n +2 "$tmp/out" | cut -f1,3,4,5,6,7 | LC_ALL=C sort >"$tmp/logins.got"
if ! cmp -s "$tmp/logins.got" "$tmp/logins.expected"; then
    echo "volume: sessions differ from the expectation:" >&2
    diff "$tmp/logins.expected" "$tmp/logins.got" | head -20 >&2
    failed=1
fi
awk -F'\t' '{ n[$2]++ } END { printf "sessions: %d success, %d incomplete, %d failure (all as generated)\n", n["success"], n["incomplete"], n["failure"] }' "$tmp/logins.got"
exit "$failed"
