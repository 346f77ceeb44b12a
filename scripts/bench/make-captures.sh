#!/usr/bin/env bash
# Builds large benchmark captures from the repository's own test data, in a temporary folder (never
# committed): one "unit" made of every Ethernet capture of tests/data/real, tests/data/negative and
# tests/cases laid end to end, then as many copies of the unit as the largest size needs. Each copy gets
# its own client addresses (tcprewrite --pnat: the RFC 1918 blocks and the one IPv6 client move to a /8
# or /32 of their own per copy) so it brings new flows, as more clients would; server addresses stay, so
# the login servers of the paper's Table I still match. Copies follow each other in time (editcap -t) and
# are concatenated (mergecap -a); each size is cut to exactly FRAMES frames.
#
# Usage: scripts/bench/make-captures.sh [-o DIR] FRAMES...   (default FRAMES: 100000 1000000)
# At most one copy per first octet unused by the data: 137 copies, about 1.3 million frames, today.
# Prints one line per capture: FRAMES<TAB>PATH. Needs editcap, mergecap, capinfos, tshark (Wireshark) and
# tcprewrite (Debian package tcpreplay).
set -euo pipefail

usage() { echo "usage: $0 [-o DIR] FRAMES..." >&2; exit 2; }

out=""
while getopts "o:h" opt; do
    case "$opt" in
        o) out="$OPTARG" ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
for n in "${sizes[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "make-captures: not a frame count: $n" >&2; exit 2; }
done
for tool in editcap mergecap capinfos tshark tcprewrite; do
    command -v "$tool" >/dev/null || { echo "make-captures: $tool is not installed" >&2; exit 1; }
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/skypedissect-bench.XXXXXX")"
mkdir -p "$out"
work="$(mktemp -d "$out/work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Where the unit starts (2015-05-18, the day of the real capture) and the gap between its parts.
t0=1431900000
gap=1
# Parts whose own span is longer than this are stitched from unrelated recordings years apart; they are
# re-timed to 1 ms per frame so a million frames still fit in 32-bit pcap seconds.
max_span=3600

# 1. The unit: every Ethernet capture, converted to microsecond pcap, laid end to end in time.
cursor=$t0
i=0
shopt -s nullglob
for src in "$root"/tests/data/real/*.pcap "$root"/tests/data/negative/*.pcap* "$root"/tests/cases/*/capture.pcap*; do
    link="$(capinfos -T -r -E "$src" | cut -f2)"
    if [ "$link" != "ether" ]; then
        echo "make-captures: skipped ${src#"$root"/} (link type $link; tcprewrite and one pcap need Ethernet)" >&2
        continue
    fi
    i=$((i + 1))
    part="$work/part-$(printf '%03d' "$i").pcap"
    editcap -F pcap "$src" "$part.raw"
    read -r start end < <(capinfos -T -r -S -a -e "$part.raw" | cut -f2,3)
    if awk -v s="$start" -v e="$end" -v m="$max_span" 'BEGIN { exit !(e - s > m) }'; then
        editcap -F pcap -S -0.001 "$part.raw" "$part.re"
        mv "$part.re" "$part.raw"
        read -r start end < <(capinfos -T -r -S -a -e "$part.raw" | cut -f2,3)
    fi
    shift_by="$(awk -v c="$cursor" -v s="$start" 'BEGIN { printf "%.6f", c - s }')"
    editcap -F pcap -t "$shift_by" "$part.raw" "$part"
    rm "$part.raw"
    cursor="$(awk -v c="$cursor" -v s="$start" -v e="$end" -v g="$gap" 'BEGIN { printf "%.6f", c + (e - s) + g }')"
done
unit="$work/unit.pcap"
mergecap -a -F pcap -w "$unit" "$work"/part-*.pcap
rm "$work"/part-*.pcap
unit_frames="$(capinfos -T -r -c -M "$unit" | cut -f2)"
unit_span="$(awk -v c="$cursor" -v t="$t0" 'BEGIN { printf "%d", c - t + 1 }')"

# 2. First octets no address of the unit has: each copy's clients get one of them as a /8 of their own.
mapfile -t pool < <(
    tshark -n -r "$unit" -T fields -e ip.src -e ip.dst 2>/dev/null | tr '\t,' '\n\n' | cut -d. -f1 | grep . | sort -u |
        awk '{ used[$1] = 1 } END { for (o = 1; o <= 223; o++) if (!used[o] && o != 10 && o != 100 && o != 127 && o != 169 && o != 172 && o != 192) print o }')
largest=0
for n in "${sizes[@]}"; do [ "$n" -gt "$largest" ] && largest=$n; done
copies=$(((largest + unit_frames - 1) / unit_frames))
if [ "$copies" -gt $((${#pool[@]} + 1)) ]; then
    echo "make-captures: $largest frames need $copies copies of the $unit_frames-frame unit; at most $((${#pool[@]} + 1)) have addresses of their own" >&2
    exit 1
fi

# 3. The copies: copy 0 is the unit itself, copy k moves its clients to pool[k-1] and starts k unit spans later.
make_copy() {
    local k=$1 octet=$2 dest
    dest="$work/copy-$(printf '%05d' "$k").pcap"
    if [ "$k" -eq 0 ]; then
        cp "$unit" "$dest"
        return
    fi
    tcprewrite --pnat="10.0.0.0/8:$octet.0.0.0/8,172.16.0.0/12:$octet.16.0.0/12,192.168.0.0/16:$octet.168.0.0/16,[2a00:d40::/32]:[fd00:$(printf '%x' "$k")::/32]" \
        -i "$unit" -o "$dest.addr"
    editcap -F pcap -t "$((k * unit_span))" "$dest.addr" "$dest"
    rm "$dest.addr"
}
export -f make_copy
export work unit unit_span
for ((k = 0; k < copies; k++)); do
    echo "$k ${pool[$((k > 0 ? k - 1 : 0))]}"
done | xargs -P "$(nproc)" -n 2 bash -c 'make_copy "$0" "$1"'

# 4. Each size: the first copies it needs, concatenated and cut to exactly that many frames.
for n in "${sizes[@]}"; do
    need=$(((n + unit_frames - 1) / unit_frames))
    dest="$out/bench-$n.pcap"
    mapfile -t parts < <(ls "$work"/copy-*.pcap | head -n "$need")
    mergecap -a -F pcap -w "$work/joined.pcap" "${parts[@]}"
    editcap -F pcap -r "$work/joined.pcap" "$dest" "1-$n"
    rm "$work/joined.pcap"
    printf '%s\t%s\n' "$n" "$dest"
done
