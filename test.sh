#!/usr/bin/env bash
# Installs what the tests need (ffmpeg, chromium, nginx, npm), builds, and runs every test: services on SQLite,
# components, the HTTP API and pages, and real-browser tests in Chromium. Ends with "N passed, N failed".
# One test or class: ./test.sh --filter "FullyQualifiedName~AuthApiTests"
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh

ensure_build_tools
ensure_command chromium chromium
ensure_command nginx nginx-light  # the X-Accel-Redirect test runs docs/nginx.md's server block

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=.test-output
rm -rf "$results"

dotnet build MusicSite.sln -c Release -nologo -v quiet

status=0
dotnet test MusicSite.Tests/MusicSite.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" --blame-hang-timeout 10m "$@" || status=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$(count passed); failed=$(count failed); skipped=$(count notExecuted)
  errors=$(count error)
  failed=$((failed + ${errors:-0}))
  # Name the failures last, where a log's tail shows them.
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' \
    | sed -e 's/^testName="/FAILED: /' -e 's/"$//' -e 's/&quot;/"/g' -e 's/&amp;/\&/g' || true
  if [ "${skipped:-0}" -gt 0 ]; then
    echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
  else
    echo "${passed:-0} passed, ${failed:-0} failed"
  fi
else
  echo "0 passed, 1 failed"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
