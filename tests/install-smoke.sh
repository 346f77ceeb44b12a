#!/usr/bin/env bash
# The README's install path, as on a machine that never built this project: pack the tool with an empty
# NuGet cache of its own (NUGET_PACKAGES pointed at a new folder, so every package the pack needs, crossgen2
# and this platform's runtime pack included, is downloaded), install it with `dotnet tool install --tool-path`
# from the packages, and run the installed skypedissect on the shipped sample and on a capture given on
# standard input. Then install the plugin into a fresh HOME with that skypedissect and run tshark *without*
# -X lua_script:, which shows the plugin was picked up: its rows must be the case's expected.tsv, and
# -z skypelogin,summary prints the summary. Usage: bash tests/install-smoke.sh (needs tshark; CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d "${TMPDIR:-/tmp}/skypedissect-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
case=tests/cases/login-normal
step() { echo "install-smoke: $*" >&2; }
seconds() { echo $(( $(date +%s) - $1 )); }

step "packing with an empty NuGet cache: dotnet pack src/SkypeDissect.Cli -c Release -o artifacts/nupkg"
t=$(date +%s)
rm -rf artifacts/nupkg
NUGET_PACKAGES="$work/nuget" dotnet pack src/SkypeDissect.Cli -c Release -o artifacts/nupkg -v q -nologo >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; step "the pack failed"; exit 1; }
step "packed in $(seconds "$t") s, $(du -sm "$work/nuget" | cut -f1) MB downloaded: $(cd artifacts/nupkg && ls | tr '\n' ' ')"

step "installing: dotnet tool install --tool-path DIR --add-source artifacts/nupkg SkypeDissect"
t=$(date +%s)
NUGET_PACKAGES="$work/nuget-install" dotnet tool install --tool-path "$work/tools" --add-source artifacts/nupkg SkypeDissect >"$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; step "the install failed"; exit 1; }
tool="$work/tools/skypedissect"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
[ -d "$work/tools/.store/skypedissect" ] && find "$work/tools/.store/skypedissect" -maxdepth 2 -name "skypedissect.$rid" | grep -q . \
    || { step "the installed tool is not the $rid package"; exit 1; }
step "installed the $rid package in $(seconds "$t") s: $("$tool" --version)"

step "the installed skypedissect on the shipped sample: skypedissect analyze $case/capture.pcap"
"$tool" analyze "$case/capture.pcap" | tee "$work/summary.txt"
grep -q "^$case/capture.pcap: 1 login session$" "$work/summary.txt" || { step "unexpected summary"; exit 1; }

step "on standard input: skypedissect analyze - --frames < $case/capture.pcap (must be $case/expected.tsv)"
"$tool" analyze - --frames <"$case/capture.pcap" >"$work/stdin.tsv"
diff "$case/expected.tsv" "$work/stdin.tsv" >&2 || { step "rows from standard input differ from expected.tsv"; exit 1; }
step "$(( $(wc -l <"$work/stdin.tsv") - 1 )) rows, as expected.tsv"

step "the plugin into a fresh HOME: skypedissect plugin install"
home="$work/home"
mkdir -p "$home"
HOME="$home" XDG_CONFIG_HOME="$home/.config" "$tool" plugin install
unset WIRESHARK_CONFIG_DIR

step "tshark without -X lua_script: (the installed plugin): -Y skypelogin -T fields (must be $case/expected.tsv)"
{
    printf 'frame\tstep\tgroup\trule\tversion\n'
    HOME="$home" XDG_CONFIG_HOME="$home/.config" tshark -n -r "$case/capture.pcap" -Y skypelogin -T fields -E separator=/t \
        -e frame.number -e skypelogin.step -e skypelogin.group -e skypelogin.rule -e skypelogin.version 2>"$work/tshark.err"
} >"$work/tshark.tsv"
if grep -i "lua" "$work/tshark.err" >&2; then step "tshark reported a Lua problem"; exit 1; fi
diff "$case/expected.tsv" "$work/tshark.tsv" >&2 || { step "tshark with the installed plugin differs from expected.tsv"; exit 1; }
step "$(( $(wc -l <"$work/tshark.tsv") - 1 )) rows, as expected.tsv"

step "the summary: tshark -r $case/capture.pcap -q -z skypelogin,summary"
HOME="$home" XDG_CONFIG_HOME="$home/.config" tshark -n -r "$case/capture.pcap" -q -z skypelogin,summary 2>/dev/null | tee "$work/summary-tshark.txt"
grep -q "^Client 192.168.1.23: 104 frames" "$work/summary-tshark.txt" || { step "no summary from the installed plugin"; exit 1; }
step "done: the tool installs from its packages on an empty NuGet cache, and tshark picks the plugin up"
