#!/usr/bin/env bash
# Start-up time of the ymchat CLI as whole processes, side by side in one run (hyperfine):
#   before: plain `java -jar ymchat-cli/target/ymchat.jar`, without the launcher's settings;
#   after:  `./ymchat`, the launcher (class-data-sharing archive, first-tier JIT, serial GC).
# Commands: `--version`, and `--sandbox chats` against a sandbox that this script starts on a free
# loopback port (in memory, demo data) and stops at the end. Also prints the machine's load average
# before and after, since a shared machine moves these figures. Needs hyperfine (Debian: apt-get
# install hyperfine). Results go to ymchat-cli/target/startup/ (markdown and JSON).
#
#   ./bench/run-startup.sh                 build if needed, 5 warm-up runs and 30 runs each
#   ./bench/run-startup.sh --runs 10       fewer runs, for a quick look
#   YMCHAT_BENCH_BASELINE_JAR=old.jar ./bench/run-startup.sh   adds a third column: an older jar
set -euo pipefail

cd "$(dirname "$0")/.."

runs=30
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run-startup.sh: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
done

command -v hyperfine >/dev/null 2>&1 || { echo "run-startup.sh: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }

jar=ymchat-cli/target/ymchat.jar
out=ymchat-cli/target/startup
mkdir -p "$out"

# The launcher builds the jar when sources changed and records its archive (in the background) on
# first use; wait for the archive, so that "after" measures what every later call gets.
./ymchat --version >/dev/null
for _ in $(seq 1 120); do
  ls ymchat-cli/target/cds/ymchat-*.jsa >/dev/null 2>&1 && [ ! -e "$(ls -d ymchat-cli/target/cds/*.lock 2>/dev/null | head -1)" ] && break
  sleep 1
done
ls ymchat-cli/target/cds/ymchat-*.jsa >/dev/null 2>&1 || echo "run-startup.sh: no archive was recorded; 'after' runs without it" >&2

banner="$out/sandbox.out"
java -jar "$jar" sandbox --port 0 --in-memory --seed-demo --no-rate-limits >"$banner" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 600); do
  url="$(sed -n 's/.*API base URL : \(http:[^ ]*\).*/\1/p' "$banner" | head -1)"
  [ -n "$url" ] && grep -q "Try:" "$banner" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "run-startup.sh: the sandbox did not start:" >&2; cat "$banner" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "run-startup.sh: no sandbox URL in $banner" >&2; exit 1; }

echo "java: $(java -version 2>&1 | head -1)"
echo "cpus: $(nproc)    load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sandbox: $url"

measure() {
  local name="$1"; shift
  local commands=("java -jar $jar $*" "./ymchat $*")
  local names=("before: java -jar" "after: ./ymchat")
  if [ -n "${YMCHAT_BENCH_BASELINE_JAR:-}" ]; then
    commands=("java -jar $YMCHAT_BENCH_BASELINE_JAR $*" "${commands[@]}")
    names=("baseline: java -jar $(basename "$YMCHAT_BENCH_BASELINE_JAR")" "${names[@]}")
  fi
  local args=()
  for i in "${!commands[@]}"; do
    args+=(--command-name "${names[$i]}" "${commands[$i]}")
  done
  echo
  echo "== ymchat $*"
  hyperfine -N --warmup 5 --runs "$runs" --style basic \
    --export-markdown "$out/$name.md" --export-json "$out/$name.json" "${args[@]}"
}

measure version --version
measure chats --sandbox --base-url "$url" chats

echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "median wall time (min..max), from hyperfine's JSON:"
for name in version chats; do
  python3 - "$out/$name.json" "$name" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"  {sys.argv[2]:8} {r['command']:40} median {r['median']:.3f} s  ({r['min']:.3f}..{r['max']:.3f}, {len(r['times'])} runs)")
PY
done
echo "tables: $out/version.md $out/chats.md"
