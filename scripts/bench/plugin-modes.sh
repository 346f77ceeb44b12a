#!/usr/bin/env bash
# The plugin's cost in every tshark output mode: CPU time (user + system) of tshark alone and of tshark with each
# plugin given, on one capture, output to /dev/null, the best of RUNS runs made in turn (alone, plugin, alone, ...),
# so that a machine shared with other work slows all of them alike. Prints a markdown table with the ratios
# (docs/benchmarks.md, "The plugin in every output mode").
#
# Usage: scripts/bench/plugin-modes.sh [--runs N] CAPTURE [PLUGIN...]   (default PLUGIN: generated/skype_login.lua)
#   modes: plain one-line output (tshark -n -r F), -V, -T fields -e frame.number, -T json, -T pdml
set -euo pipefail
runs=3
if [ "${1:-}" = --runs ]; then runs=$2; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
capture=$1; shift
plugins=("$@")
[ ${#plugins[@]} -gt 0 ] || plugins=("$(cd "$(dirname "$0")/../.." && pwd)/generated/skype_login.lua")
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
export WIRESHARK_CONFIG_DIR=$cfg HOME=$cfg
cat "$capture" > /dev/null

cpu() { { /usr/bin/time -f '%U %S' tshark -n -r "$capture" "$@" > /dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}'; }

header="| mode | tshark alone (s) |"
rule="|---|---|"
for p in "${plugins[@]}"; do header="$header $(basename "$p") (s) | ratio |"; rule="$rule---|---|"; done
echo "$header"
echo "$rule"
for mode in plain -V fields json pdml; do
    case $mode in
        plain) args=() ;;
        -V) args=(-V) ;;
        fields) args=(-T fields -e frame.number) ;;
        json) args=(-T json) ;;
        pdml) args=(-T pdml) ;;
    esac
    best=()
    for _ in $(seq "$runs"); do
        i=0
        for p in "" "${plugins[@]}"; do
            if [ -z "$p" ]; then t=$(cpu "${args[@]}"); else t=$(cpu "${args[@]}" -X lua_script:"$p"); fi
            if [ -z "${best[$i]:-}" ] || awk -v a="$t" -v b="${best[$i]}" 'BEGIN { exit !(a < b) }'; then best[$i]=$t; fi
            i=$((i + 1))
        done
    done
    line="| $mode | ${best[0]} |"
    for i in $(seq 1 ${#plugins[@]}); do
        line="$line ${best[$i]} | $(awk -v a="${best[$i]}" -v b="${best[0]}" 'BEGIN { printf "%.2f", a / b }') |"
    done
    echo "$line"
done
