#!/usr/bin/env bash
# Runs the long reliability suite (tests tagged "long": 60 s mixed load, 5 000 sends under faults,
# three kill -9 rounds, 5 000-try fuzzing of the sandbox's handlers and the client's parsing), then
# the scan of all their log output for credentials, and prints the measured figures.
#
#   bench/run-reliability.sh                      # the whole long suite
#   YMCHAT_RELIABILITY_SECONDS=300 bench/run-reliability.sh   # a longer mixed load
#   bench/run-reliability.sh -Dtest=MixedLoadTest # one class (any extra Maven arguments pass through)
#
# It builds only inside this repository (verify, never install). See docs/RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${YMCHAT_RELIABILITY_SECONDS:-60}"
started=$(date +%s)
status=0
mvn -B -Preliability -pl ymchat-client,ymchat-sandbox -am verify \
  -Dymchat.reliability.seconds="$seconds" -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
echo
echo "== reliability figures (from the tests' output) =="
grep -h '^RELIABILITY ' ymchat-client/target/surefire-reports/*-output.txt \
  ymchat-sandbox/target/surefire-reports/*-output.txt 2>/dev/null || echo "(no figures: did the tests run?)"
echo "== wall time: $(( $(date +%s) - started )) s, maven exit status: $status =="
exit "$status"
