#!/usr/bin/env bash
# MusicSite benchmarks: they print numbers, they never fail on timing.
#   bench/run.sh                    search on 100,000 tracks, pipeline per minute of audio, then stream
#   bench/run.sh search 20000       a smaller catalog
#   bench/run.sh stream [seconds]   a 24 MB MP3 with wrk: the site standalone, behind nginx with X-Accel-Redirect, and nginx
#                                   direct, at 4 and 64 connections; then 500 slow listeners: errors and the site's peak
#                                   memory (bench/stream.sh)
#   bench/run.sh lineage [n]        lineage reads (attribution, derivatives, graph) on n tracks (default 10,000), depth 10
#   bench/run.sh login-timing [n]   failed sign-ins for a known and an unknown email, n of each (default 200)
#   bench/run.sh genres [n]         2,000 genres (a random tree) and n tracks (default 100,000): the catalog query filtered
#                                   by a genre and its descendants next to the unfiltered one (with its query plan), then
#                                   /genres, /genres?q= and a genre page rendered by the real site on that database
#   bench/run.sh catalog [n]        catalogs of 100,000 and 1,000,000 tracks (or only n), each built in a fresh data directory by
#                                   the real migrations and bulk inserts (build time and size printed), then every catalog list
#                                   (API and page: sorts, filters, search, deep pages through the cursor, genres, albums, artists,
#                                   home) through the real site with the output cache off, p50/p95 next to the raw SQLite query
#                                   on the same file with the ratio, errors (non-2xx) per list; then again with the cache on
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
ensure_build_tools
use_site_gc_settings
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/MusicSite.Bench/MusicSite.Bench.csproj -c Release -nologo -v quiet
bench=bench/MusicSite.Bench/bin/Release/net10.0/MusicSite.Bench.dll
mode="${1:-all}"
if [ "$mode" = "stream" ]; then
  exec bench/stream.sh "$bench" ${2:-}
fi
data=$(mktemp -d)
site=""
trap 'rm -rf "$data"' EXIT

# The real site on loopback, on $data, with every rate limit off (0); extra settings as NAME=value arguments.
port=5190; base="http://127.0.0.1:$port"
start_site() {
  env "$@" MUSICSITE_DATA="$data" MUSICSITE_SEED=none MUSICSITE_ADMIN_EMAIL=bench@example.com MUSICSITE_ADMIN_PASSWORD=Bench1Password \
    RateLimits__AccountPermitLimit=0 RateLimits__AccountPerEmailLimit=0 RateLimits__SignInDelaySeconds=0 \
    RateLimits__UploadsPerHour=0 RateLimits__SearchesPerMinute=0 RateLimits__EditsPerMinute=0 RateLimits__ReadsPerMinute=0 \
    RateLimits__ContactPerHour=0 \
    dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "$base" >>"$data/site.log" 2>&1 &
  site=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$base/healthz" && return 0; sleep 1; done
  echo "the site did not answer /healthz; its log:"; tail -30 "$data/site.log"; return 1
}

if [ "$mode" = "catalog" ]; then
  trap '[ -z "$site" ] || kill $site 2>/dev/null; rm -rf "$data"' EXIT
  dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
  for n in ${2:-100000 1000000}; do
    rm -rf "${data:?}"/*
    dotnet "$bench" catalog-build "$data" "$n"
    for cache in off on; do
      start_site OutputCache__Enabled=$([ $cache = on ] && echo true || echo false)
      dotnet "$bench" catalog-http "$base" "$data/musicsite.db" "cache-$cache"
      kill $site; wait $site 2>/dev/null || true; site=""
    done
  done
  exit 0
fi

if [ "$mode" = "genres" ]; then
  # Builds the database in $data; the site below is started on it.
  dotnet "$bench" genres "$data" ${2:-}
elif [ "$mode" != "login-timing" ]; then
  dotnet "$bench" "$mode" ${2:-}
fi
if [ "$mode" = "all" ]; then
  rm -rf "$data"
  exec bench/stream.sh "$bench"
fi
[ "$mode" = "login-timing" ] || [ "$mode" = "genres" ] || { rm -rf "$data"; exit 0; }

# The real site on loopback. Every request comes from 127.0.0.1, so the limits are off (0).
trap '[ -z "$site" ] || kill $site 2>/dev/null; rm -rf "$data"' EXIT
dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
start_site

# The genre pages, 50 full responses each, one at a time.
if [ "$mode" = "genres" ]; then
  dotnet "$bench" genre-pages "$base" "$data/bench-genres.txt" 50
  exit 0
fi

# Sign-in timing: the same wrong password for the admin's email and for an email no account has.
if [ "$mode" = "login-timing" ]; then
  dotnet "$bench" login-timing "$base" bench@example.com "${2:-200}"
  exit 0
fi
