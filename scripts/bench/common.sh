# Sourced by hostile.sh and volume.sh after their options are read: checks /usr/bin/time, builds the CLI and
# the benchmark project's capture generator (Release) unless build=0, and makes a temporary folder removed on
# exit. Needs: root (the repository), name (for messages and the folder), build (1 or 0).
# Sets: cli (skypedissect.dll), gen (SkypeDissect.Benchmarks.dll), tmp (the folder).
[ -x /usr/bin/time ] || { echo "$name: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

cli="$root/src/SkypeDissect.Cli/bin/Release/net10.0/skypedissect.dll"
gen="$root/bench/SkypeDissect.Benchmarks/bin/Release/net10.0/SkypeDissect.Benchmarks.dll"
if [ "$build" = 1 ]; then
    echo "building the CLI and the generator (Release)" >&2
    dotnet build "$root/src/SkypeDissect.Cli" -c Release -v q -nologo >&2
    dotnet build "$root/bench/SkypeDissect.Benchmarks" -c Release -v q -nologo >&2
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/skypedissect-$name.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
