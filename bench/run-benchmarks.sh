#!/usr/bin/env bash
# Builds ymchat-bench and runs every benchmark: the JMH suite (JSON cost, in-process client cost,
# with -prof gc for bytes allocated per operation) and the loopback load driver (ymchat-client
# against the raw JDK HttpClient floor, same run). Results go to ymchat-bench/target/bench-results/.
#
#   ./bench/run-benchmarks.sh            full run, about 9 minutes on 2 cores
#   ./bench/run-benchmarks.sh --quick    smoke check, about 1.5 minutes; numbers are not to be quoted
#   options: --skip-build  --jmh-only  --loopback-only  --diagnose (adds the loopback's diagnostic variants)
set -euo pipefail

cd "$(dirname "$0")/.."

quick=false build=true jmh=true loopback=true diagnose=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --skip-build) build=false ;;
    --jmh-only) loopback=false ;;
    --loopback-only) jmh=false ;;
    --diagnose) diagnose=(--diagnose) ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run-benchmarks.sh: unknown option '$arg'; see --help" >&2; exit 2 ;;
  esac
done

jar=ymchat-bench/target/benchmarks.jar
out=ymchat-bench/target/bench-results
if $build; then
  # never 'install': only this worktree's target folders are written
  mvn -B -q -Pbench -pl ymchat-bench -am package -DskipTests
fi
if [[ ! -f "$jar" ]]; then
  echo "run-benchmarks.sh: $jar is missing; run without --skip-build" >&2
  exit 1
fi
mkdir -p "$out"

{
  echo "date: $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

if $jmh; then
  if $quick; then
    jmh_opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  else
    # 5 warm-up iterations: on a shared 2-core machine C2 needs more than 6 s to settle
    jmh_opts=(-f 1 -wi 5 -w 2s -i 5 -r 3s)
  fi
  java -jar "$jar" "${jmh_opts[@]}" -prof gc -rf json -rff "$out/jmh.json" \
    | tee "$out/jmh.txt"
fi

if $loopback; then
  lb_opts=()
  $quick && lb_opts=(--quick)
  java -Xms256m -Xmx512m -cp "$jar" dev.ymchat.bench.LoopbackBench "${lb_opts[@]}" "${diagnose[@]}" \
    --out "$out/loopback.md"
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo "results in $out/"
