#!/usr/bin/env bash
# Runs the whole test suite. Usage: bash tests/run.sh [extra dotnet test arguments]
# Needs the .NET 10 SDK; tshark, luac5.2 and luac5.4 for the plugin tests; chromium, tcpdump and ndpiReader
# (libndpi-bin) for the report and export tests; clang for the Native AOT build
# that tests/aot-smoke.sh compares with the JIT build (installed here when missing and
# running as root on Debian; otherwise those tests are skipped on a developer machine and fail in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v luac5.2 >/dev/null 2>&1 || need+=(lua5.2)
command -v luac5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v clang >/dev/null 2>&1 || need+=(clang zlib1g-dev)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v ndpiReader >/dev/null 2>&1 || need+=(libndpi-bin)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} libpcap0.8"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" libpcap0.8 >/dev/null
fi

dotnet build SkypeDissect.sln -c Release -v q -nologo

# The committed plugin must equal a fresh render of the model.
dotnet src/SkypeDissect.Cli/bin/Release/net10.0/skypedissect.dll generate --check --output generated

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test SkypeDissect.sln -c Release --no-build -v q -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

# The Native AOT build must write what the JIT build writes (JSON writers and Scriban reach types by reflection).
bash tests/aot-smoke.sh || status=1

# One plain closing line that any CI reader understands.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
