#!/usr/bin/env bash
# The anonymous page cache's effect (decision 0045): the real site on a catalog of n tracks (default 100,000, built by the
# catalog benchmark's builder), started once with OutputCache__Enabled=false and once with it on; each page is asked
# for 200 times, one request at a time, over loopback. Prints p50 and p95 per page. Numbers only, never pass/fail.
#   bench/page-cache.sh [n]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
ensure_build_tools
use_site_gc_settings
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

n="${1:-100000}"
rounds=200
dotnet build bench/MusicSite.Bench/MusicSite.Bench.csproj -c Release -nologo -v quiet
dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
data=$(mktemp -d)
site=""
trap '[ -n "$site" ] && kill $site 2>/dev/null; rm -rf "$data"' EXIT
dotnet bench/MusicSite.Bench/bin/Release/net10.0/MusicSite.Bench.dll catalog-build "$data" "$n"

port=5193; base="http://127.0.0.1:$port"
# A listed track (State is stored as its name or its number, depending on the schema's age).
track=$(sqlite3 "$data/musicsite.db" "SELECT Id FROM Tracks WHERE IsPublic = 1 AND State IN (2, 'Ready') AND DeletedAt IS NULL ORDER BY Id DESC LIMIT 1")
[ -n "$track" ] || { echo "no listed track in the catalog" >&2; exit 1; }

measure() { # label path
  local times="$data/times.txt"; : >"$times"
  for _ in 1 2 3; do curl -s -o /dev/null "$base$2" || true; done
  for _ in $(seq 1 $rounds); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base$2" >>"$times" || echo "000 0" >>"$times"
  done
  local errors; errors=$(grep -cv '^200 ' "$times" || true)
  sort -k2 -g "$times" | awk -v label="$1" -v errors="$errors" '{ t[NR] = $2 * 1000 }
    END { p50 = t[int(NR * 0.50 + 0.999)]; p95 = t[int(NR * 0.95 + 0.999)];
          printf "page-cache: %-44s n=%d p50=%.1f ms p95=%.1f ms errors=%d\n", label, NR, p50, p95, errors }'
}

for cache in false true; do
  MUSICSITE_DATA="$data" MUSICSITE_SEED=none OutputCache__Enabled=$cache \
    RateLimits__UploadsPerHour=0 RateLimits__SearchesPerMinute=0 RateLimits__EditsPerMinute=0 RateLimits__ReadsPerMinute=0 \
    RateLimits__AccountPermitLimit=0 Logging__LogLevel__Default=Warning \
    dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "$base" >"$data/site-$cache.log" 2>&1 &
  site=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
  measure "cache $cache: /tracks" "/tracks"
  measure "cache $cache: /tracks?sort=plays&page=50" "/tracks?sort=plays&page=50"
  measure "cache $cache: /tracks/$track" "/tracks/$track"
  measure "cache $cache: /" "/"
  kill $site 2>/dev/null || true; wait $site 2>/dev/null || true; site=""
done
