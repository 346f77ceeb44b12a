#!/usr/bin/env bash
# The plugin's cost counted in machine instructions, which do not move with the load of a shared machine as CPU
# times do: valgrind's callgrind counts every instruction tshark executes, alone and with each plugin given, in
# the plain one-line output and with -T fields. Prints a markdown table with the ratios to tshark alone, and the
# same ratios after taking away tshark's start-up (measured on the capture's first frame), so that they compare
# the work per frame. About 40 times slower than tshark: give it a capture of 10,000 to 20,000 frames
# (editcap -r BIG.pcap SMALL.pcap 1-20000).
#
# Usage: scripts/bench/plugin-instructions.sh CAPTURE [PLUGIN...]   (default PLUGIN: generated/skype_login.lua)
# Needs valgrind and tshark (Wireshark) and editcap.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ "$1" != --help ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }
capture=$1; shift
plugins=("$@")
[ ${#plugins[@]} -gt 0 ] || plugins=("$(cd "$(dirname "$0")/../.." && pwd)/generated/skype_login.lua")
for tool in valgrind tshark editcap; do
    command -v "$tool" > /dev/null || { echo "plugin-instructions: $tool is not installed" >&2; exit 3; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WIRESHARK_CONFIG_DIR=$work HOME=$work
editcap -r "$capture" "$work/first.pcap" 1-1

# Instructions of one tshark run (all threads).
count() {
    valgrind --tool=callgrind --callgrind-out-file="$work/out" tshark -n -r "$@" > /dev/null 2> "$work/err"
    awk '/Collected/ { print $4 }' "$work/err"
}

header="| mode | tshark alone (instructions) |"
rule="|---|---|"
for p in "${plugins[@]}"; do header="$header $(basename "$p") | ratio | ratio per frame |"; rule="$rule---|---|---|"; done
echo "$header"
echo "$rule"
for mode in plain fields; do
    args=()
    [ "$mode" = plain ] || args=(-T fields -e frame.number)
    alone=$(count "$capture" "${args[@]}")
    alone_start=$(count "$work/first.pcap" "${args[@]}")
    line="| $mode | $alone |"
    for p in "${plugins[@]}"; do
        with=$(count "$capture" "${args[@]}" -X lua_script:"$p")
        with_start=$(count "$work/first.pcap" "${args[@]}" -X lua_script:"$p")
        line="$line $with | $(awk -v a="$with" -v b="$alone" 'BEGIN { printf "%.2f", a / b }') |"
        line="$line $(awk -v a="$with" -v as="$with_start" -v b="$alone" -v bs="$alone_start" 'BEGIN { printf "%.2f", (a - as) / (b - bs) }') |"
    done
    echo "$line"
done
