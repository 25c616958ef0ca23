#!/usr/bin/env bash
# Builds ymchat-bench (and the CLI jar) and runs every benchmark: the JMH suite (JSON cost,
# in-process client cost, with -prof gc), the loopback driver (ymchat-client against the raw JDK
# HttpClient floor, same run), the sandbox throughput driver (real client against the sandbox, H2 on
# disk, 8 callers) and the export memory check (ymchat export of 100 000 messages with -Xmx64m in
# its own JVM) and the sync driver (ymchat-sync: push-to-mirror latency, API calls per new message,
# backfill into H2 and PostgreSQL, outbox deliveries with 1 and 3 workers). Results go to
# ymchat-bench/target/bench-results/.
#
#   ./bench/run-benchmarks.sh            full run, about 11 minutes on 2 cores
#   ./bench/run-benchmarks.sh --quick    smoke check, about 3 minutes; numbers are not to be quoted
#   options: --skip-build  --jmh-only  --loopback-only  --sandbox-only  --export-only  --sync-only  --inbox-only
#            (combinable)
#            --diagnose (adds the loopback's diagnostic variants)
set -euo pipefail

cd "$(dirname "$0")/.."

quick=false build=true diagnose=()
jmh=true loopback=true sandbox=true export_mem=true sync=true inbox=true
# the first --*-only flag clears the selection; several of them combine
picked=false
only() { $picked || { jmh=false loopback=false sandbox=false export_mem=false sync=false inbox=false; picked=true; }; }
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --skip-build) build=false ;;
    --jmh-only) only; jmh=true ;;
    --loopback-only) only; loopback=true ;;
    --sandbox-only) only; sandbox=true ;;
    --export-only) only; export_mem=true ;;
    --sync-only) only; sync=true ;;
    --inbox-only) only; inbox=true ;;
    --diagnose) diagnose=(--diagnose) ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run-benchmarks.sh: unknown option '$arg'; see --help" >&2; exit 2 ;;
  esac
done

jar=ymchat-bench/target/benchmarks.jar
cli=ymchat-cli/target/ymchat.jar
out=ymchat-bench/target/bench-results
if $build; then
  # never 'install': only this worktree's target folders are written
  mvn -B -q -Pbench -pl ymchat-bench -am package -DskipTests
  if $export_mem; then
    mvn -B -q -pl ymchat-cli -am package -DskipTests
  fi
fi
needed_files=("$jar")
if $export_mem; then needed_files+=("$cli"); fi
for needed in "${needed_files[@]}"; do
  if [[ ! -f "$needed" ]]; then
    echo "run-benchmarks.sh: $needed is missing; run without --skip-build" >&2
    exit 1
  fi
done
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
  echo "load average before loopback: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  java -Xms256m -Xmx512m -cp "$jar" dev.ymchat.bench.LoopbackBench "${lb_opts[@]}" "${diagnose[@]}" \
    --out "$out/loopback.md"
fi

if $sandbox; then
  sb_opts=()
  $quick && sb_opts=(--quick)
  echo "load average before sandbox: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  java -Xms256m -Xmx1g -cp "$jar" dev.ymchat.bench.SandboxBench "${sb_opts[@]}" \
    --out "$out/sandbox.md" 2> >(grep -v -e '^INFO: ' -e 'org.flywaydb' >&2)
fi

if $sync; then
  sy_opts=()
  $quick && sy_opts=(--quick)
  echo "load average before sync: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  java -Xms256m -Xmx1g -cp "$jar" dev.ymchat.bench.SyncBench "${sy_opts[@]}" \
    --out "$out/sync.md" 2> >(grep -v -e '^INFO: ' -e 'org.flywaydb' >&2)
fi

# ymchat-inbox: the list page for 10 000 chats and a buyer's message seen live (see InboxBench).
if $inbox; then
  ib_opts=(--postgres)
  $quick && ib_opts+=(--quick)
  echo "load average before inbox: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
  java -Xms256m -Xmx1g -cp "$jar" dev.ymchat.bench.InboxBench "${ib_opts[@]}" \
    --out "$out/inbox.md" 2> >(grep -v -e '^INFO: ' -e 'org.flywaydb' >&2)
fi

# ymchat export of 1 000 chats x 100 messages from a sandbox in its own JVM (H2 on disk), the CLI in
# a separate JVM with -Xmx64m; wall time and peak RSS, then the file is checked line by line.
export_memory() {
  local chats=1000 per_chat=100 business=7001
  $quick && { chats=100; }
  local messages=$((chats * per_chat))
  local work sandbox_pid="" admin="bench-admin-$$-$RANDOM" key="bench-export-key-$$-$RANDOM"
  work=$(mktemp -d "${TMPDIR:-/tmp}/ymchat-export-bench.XXXXXX")
  stop_sandbox() {
    if [[ -n "$sandbox_pid" ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
      kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
  }
  trap stop_sandbox EXIT
  echo "load average before export: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

  java -jar "$cli" sandbox --port 0 --data "$work/data" --no-rate-limits --admin-token "$admin" \
    >"$work/sandbox.log" 2>&1 &
  sandbox_pid=$!
  local base="" i
  for i in $(seq 1 600); do
    base=$(grep -o -m1 'API base URL : http://[0-9.:]*' "$work/sandbox.log" | sed 's/.*: //' || true)
    [[ -n "$base" ]] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; echo "the sandbox did not start" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$base" ]] || { echo "the sandbox printed no base URL within 60 s; see above" >&2; exit 1; }

  local t0 t1
  t0=$(date +%s.%N)
  curl -sS --fail-with-body -X POST "$base/sandbox/generate" -H "X-Sandbox-Admin-Token: $admin" \
    -H 'Content-Type: application/json' \
    -d "{\"businessId\":$business,\"chats\":$chats,\"messagesPerChat\":$per_chat,\"seed\":7}" >"$work/generate.json"
  t1=$(date +%s.%N)
  curl -sS --fail-with-body -X POST "$base/sandbox/businesses/$business/credentials" \
    -H "X-Sandbox-Admin-Token: $admin" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"API_KEY\",\"scope\":\"all-methods\",\"token\":\"$key\"}" >/dev/null
  echo "sandbox at $base: generated $chats chats x $per_chat messages in $(printf "%.1f" "$(echo "$t1 - $t0" | bc)") s"

  # the key goes through the environment, not the command line
  local rc=0 start end rss_kb wall
  start=$(date +%s.%N)
  if [[ -x /usr/bin/time ]]; then
    YM_BASE_URL="$base" YM_API_KEY="$key" YM_BUSINESS_ID="$business" /usr/bin/time -v -o "$out/export-time.txt" \
      java -Xmx64m -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$out/export-oom.hprof" \
      -Xlog:gc:file="$out/export-gc.log" -jar "$cli" export --out "$work/export.jsonl" \
      >"$out/export-stdout.txt" 2>"$out/export-stderr.txt" || rc=$?
    rss_kb=$(grep 'Maximum resident set size' "$out/export-time.txt" | grep -o '[0-9]*$')
  else
    # no /usr/bin/time: read the peak RSS (VmHWM) from /proc while the JVM runs
    YM_BASE_URL="$base" YM_API_KEY="$key" YM_BUSINESS_ID="$business" \
      java -Xmx64m -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$out/export-oom.hprof" \
      -Xlog:gc:file="$out/export-gc.log" -jar "$cli" export --out "$work/export.jsonl" \
      >"$out/export-stdout.txt" 2>"$out/export-stderr.txt" &
    local pid=$! hwm
    rss_kb=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$hwm" && "$hwm" -gt "$rss_kb" ]] && rss_kb=$hwm
      sleep 0.2
    done
    wait "$pid" || rc=$?
  fi
  end=$(date +%s.%N)
  wall=$(printf "%.1f" "$(echo "$end - $start" | bc)")
  local heap_peak
  heap_peak=$(grep -o '[0-9]*M->[0-9]*M' "$out/export-gc.log" | sed 's/M->.*//' | sort -n | tail -1 || true)
  {
    echo "# ymchat export memory"
    echo ""
    echo "- $chats chats x $per_chat messages (business $business, generated by /sandbox/generate), sandbox in its own JVM, H2 on disk"
    echo "- command: YM_BASE_URL=… YM_API_KEY=… YM_BUSINESS_ID=$business java -Xmx64m -jar $cli export --out FILE"
    echo "- exit code: $rc"
    echo "- wall time: ${wall} s"
    echo "- peak RSS: $((rss_kb / 1024)) MB ($rss_kb kB)"
    echo "- largest heap before a GC (from -Xlog:gc): ${heap_peak:-?} MB of 64 MB"
    echo "- GC pauses: $(grep -c 'Pause' "$out/export-gc.log" || true)"
    echo "- output: $(wc -c <"$work/export.jsonl" 2>/dev/null || echo 0) bytes, $(wc -l <"$work/export.jsonl" 2>/dev/null || echo 0) lines"
  } | tee "$out/export.md"
  if [[ $rc -ne 0 ]]; then
    echo "the export failed (exit $rc); its stderr:" >&2
    tail -20 "$out/export-stderr.txt" >&2
    exit 1
  fi
  java -cp "$jar" dev.ymchat.bench.ExportCheck "$work/export.jsonl" "$chats" "$messages" | tee -a "$out/export.md"
  stop_sandbox
  trap - EXIT
}

if $export_mem; then
  export_memory
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo "results in $out/"
