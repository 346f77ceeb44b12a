#!/usr/bin/env bash
# Peak memory of every command on hostile inputs made for it (issue 14: "State the memory bound of every command
# in the README and measure it on a hostile capture made for it"). Captures are made on the fly, never committed:
#   logins   CLIENTS logins 0.5 ms apart (bench generator "volume logins"): every session open at once, then
#            closing while the file is read; analyze --sessions in every format, the summary, report
#   many     FILES copies of the shipped sample (143 frames each) in one folder: analyze DIR with the default --jobs
#   crowded  the real 7.7.3 capture then 70,000 one-datagram flows of other hosts: learn past its bounds (--emit)
#   flood    3,000,000 one-byte IP fragments (bench generator "hostile onebyte"): analyze --frames
#   live     with --live: the logins capture replayed by tcpreplay onto the loopback interface at its own speed
#            (1,533,333 packets over 59 s) while capture --interface lo runs; SIGTERM ends the capture 2 s after the
#            replay ends, so the step lasts as long as the replay. Needs tcpreplay and the right to capture (root)
# Each run's peak RSS (/usr/bin/time -v, "Maximum resident set size") is printed as a Markdown table with its bound;
# a run over its bound, or with an unexpected exit code, fails the script.
#
# Usage: scripts/bench/hostile.sh [--no-build] [--quick] [--live | --live-only]
#   --quick: 20,000 clients, 2,000 files, 300,000 fragments (the bounds stay the same)
#   --live-only: only the logins capture and the live runs
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
clients=100000
files=10000
fragments=3000000
build=1
live=0
others=1
for a in "$@"; do
    case "$a" in
        --no-build) build=0 ;;
        --quick) clients=20000; files=2000; fragments=300000 ;;
        --live) live=1 ;;
        --live-only) live=1; others=0 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "hostile: unknown option $a" >&2; exit 2 ;;
    esac
done
if [ "$live" = 1 ]; then
    command -v tcpreplay >/dev/null || { echo "hostile: --live needs tcpreplay (apt-get install tcpreplay)" >&2; exit 1; }
fi
name=hostile
. "$root/scripts/bench/common.sh"

echo "generating $clients logins in $tmp" >&2
dotnet "$gen" volume logins "$clients" "$tmp/logins.pcap" "$tmp/logins.expected" >/dev/null
if [ "$others" = 1 ]; then
    echo "generating $files files, $fragments fragments and the crowded capture" >&2
    mkdir "$tmp/many"
    for i in $(seq -w 1 "$files"); do cp "$root/tests/cases/login-normal/capture.pcap" "$tmp/many/c$i.pcap"; done
    dotnet "$gen" hostile onebyte "$fragments" "$tmp/flood.pcap" >/dev/null
    python3 - "$root/tests/data/real/skype-7.7.3-login-macos-2015.pcap" "$tmp/crowded.pcap" <<'PY'
import struct, sys
real = open(sys.argv[1], 'rb').read()
end, at = 0, 24
while at + 16 <= len(real):
    sec, _, caplen, _ = struct.unpack_from('<IIII', real, at)
    end = max(end, sec)
    at += 16 + caplen
out = bytearray(real)
for i in range(70000):
    udp = struct.pack('>HHHH', 40000, 9, 12, 0) + b'\x01\x02\x03\x04'
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     bytes([10, 100 + (i >> 16), (i >> 8) & 255, i & 255]), bytes([10, 250, 0, 1])) + udp
    frame = b'\x00\x01\x02\x03\x04\x05\x00\x01\x02\x03\x04\x06\x08\x00' + ip
    out += struct.pack('<IIII', end + 60, i % 1000000, len(frame), len(frame)) + frame
open(sys.argv[2], 'wb').write(out)
PY
fi

failed=0
printf '| command | input | peak MiB | bound MiB | wall s | exit |\n|---|---|---:|---:|---:|---:|\n'
# measure BOUND EXPECTED_EXIT INPUT_NAME ARGS...: the tool's peak RSS, output to a file (as a script would)
measure() {
    local limit=$1 want=$2 input=$3
    shift 3
    local code=0
    /usr/bin/time -v -o "$tmp/time" dotnet "$cli" "$@" >"$tmp/out" 2>"$tmp/err" || code=$?
    row "$limit" "$want" "$input" "$code" "$@"
}
# row BOUND EXPECTED_EXIT INPUT_NAME EXIT ARGS...: the table row of the run /usr/bin/time wrote to $tmp/time
row() {
    local limit=$1 want=$2 input=$3 code=$4
    shift 4
    local kib wall mib check=""
    kib="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time")"
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$tmp/time")"
    mib="$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')"
    if [ "$code" != "$want" ]; then check=" (expected $want: $(head -c 300 "$tmp/err"))"; failed=1; fi
    if awk -v m="$mib" -v b="$limit" 'BEGIN { exit !(m >= b) }'; then check="$check over the bound"; failed=1; fi
    local shown="${*//$tmp\//}"
    printf '| `skypedissect %s` | %s | %s | %s | %s | %s%s |\n' "$shown" "$input" "$mib" "$limit" "$wall" "$code" "$check"
}
if [ "$others" = 1 ]; then
    measure 400 0 "$clients logins" analyze "$tmp/logins.pcap" --sessions --format json
    measure 400 0 "$clients logins" analyze "$tmp/logins.pcap" --sessions --format tsv
    measure 400 0 "$clients logins" analyze "$tmp/logins.pcap"
    # 250, not 200: since version attribution (issue 10) each of the 60,000 clients holds one login reading per
    # enabled version (three by default), and login connections carry their exchange marks (docs/benchmarks.md).
    measure 250 0 "$clients logins" analyze "$tmp/logins.pcap" --frames
    measure 400 0 "$clients logins" report "$tmp/logins.pcap" --output "$tmp/report.html"
    measure 200 0 "$files files" analyze "$tmp/many"
    measure 200 0 "$files files" analyze "$tmp/many" --frames
    measure 200 0 "$files files" analyze "$tmp/many" --sessions --format json
    measure 200 0 "$fragments one-byte fragments" analyze "$tmp/flood.pcap" --frames
    measure 400 0 "real 7.7.3 + 70,000 flows" learn "$tmp/crowded.pcap" --as 7.7.9 --emit "$tmp/v.json"
    measure 100 0 "-" signatures --format json
    measure 100 0 "-" generate --output "$tmp/gen"
    measure 100 0 "-" export bpf
    # plugin asks tshark where its plugins go (tshark -G folders): the peak is tshark's, a child of the tool.
    if command -v tshark > /dev/null; then
        measure 200 0 "-" plugin path
    fi
fi
# measure_live BOUND ARGS...: capture on the loopback interface while the logins capture is replayed onto it
measure_live() {
    local limit=$1
    shift
    local code=0 timer
    /usr/bin/time -v -o "$tmp/time" dotnet "$cli" capture --interface lo "$@" >"$tmp/out" 2>"$tmp/err" &
    timer=$!
    for _ in $(seq 300); do grep -q 'capturing on' "$tmp/err" && break; sleep 0.1; done
    tcpreplay -i lo "$tmp/logins.pcap" >"$tmp/replay" 2>&1 || { echo "hostile: tcpreplay failed: $(tail -3 "$tmp/replay")" >&2; failed=1; }
    sleep 2
    # SIGTERM, not SIGINT: a job a script starts in the background ignores SIGINT (no job control)
    kill -TERM "$(pgrep -P "$timer")" 2>/dev/null || true
    wait "$timer" || code=$?
    local got
    got="$(sed -n 's/^skypedissect: \(.*\) packets captured, \(.*\) tagged, \(.*\) dropped.*/\1 captured, \3 dropped/p' "$tmp/err")"
    row "$limit" 0 "$clients logins replayed on lo (${got:-$(head -c 300 "$tmp/err")})" "$code" capture --interface lo "$@"
}
if [ "$live" = 1 ]; then
    measure_live 400 --sessions --format json
    measure_live 400
    measure_live 250 --frames
fi
exit "$failed"
