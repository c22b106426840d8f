#!/usr/bin/env bash
# MusicSite benchmarks: they print numbers, they never fail on timing.
#   bench/run.sh                    search on 100,000 tracks, pipeline per minute of audio, stream vs static file
#   bench/run.sh search 20000       a smaller catalog
#   bench/run.sh lineage [n]        lineage reads (attribution, derivatives, graph) on n tracks (default 10,000), depth 10
#   bench/run.sh login-timing [n]   failed sign-ins for a known and an unknown email, n of each (default 200)
#   bench/run.sh genres [n]         2,000 genres (a random tree) and n tracks (default 100,000): the catalog query filtered
#                                   by a genre and its descendants next to the unfiltered one (with its query plan), then
#                                   /genres, /genres?q= and a genre page rendered by the real site on that database
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
ensure_build_tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/MusicSite.Bench/MusicSite.Bench.csproj -c Release -nologo -v quiet
bench=bench/MusicSite.Bench/bin/Release/net10.0/MusicSite.Bench.dll
mode="${1:-all}"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ "$mode" = "genres" ]; then
  # Builds the database in $data; the site below is started on it.
  dotnet "$bench" genres "$data" ${2:-}
elif [ "$mode" != "stream" ] && [ "$mode" != "login-timing" ]; then
  dotnet "$bench" "$mode" ${2:-}
fi
[ "$mode" = "all" ] || [ "$mode" = "stream" ] || [ "$mode" = "login-timing" ] || [ "$mode" = "genres" ] || { rm -rf "$data"; exit 0; }

# The real site on loopback. Every request comes from 127.0.0.1, so the limits are off (0).
dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
port=5190; base="http://127.0.0.1:$port"
MUSICSITE_DATA="$data" MUSICSITE_SEED=none MUSICSITE_ADMIN_EMAIL=bench@example.com MUSICSITE_ADMIN_PASSWORD=Bench1Password \
  RateLimits__AccountPermitLimit=0 RateLimits__AccountPerEmailLimit=0 RateLimits__SignInDelaySeconds=0 \
  RateLimits__UploadsPerHour=0 RateLimits__SearchesPerMinute=0 RateLimits__EditsPerMinute=0 RateLimits__ReadsPerMinute=0 \
  dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "$base" >"$data/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; rm -rf "$data" MusicSite.Web/wwwroot/bench-static.mp3' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done

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

# Stream throughput: one ready track (a 5-minute upload), its 320k MP3 compared with the same bytes served
# as a static file from wwwroot.
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"Bench1Password"}' \
  "$base/api/auth/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=330:duration=300" -ac 2 "$data/five-minutes.flac"
id=$(curl -sf -H "Authorization: Bearer $token" -F audio=@"$data/five-minutes.flac" -F title=Bench \
  "$base/api/music/tracks" | sed 's/^{"id":\([0-9]*\).*/\1/')
for _ in $(seq 1 120); do
  curl -sf "$base/api/music/tracks/$id" | grep -q '"state":"ready"' && break; sleep 1
done
curl -sf -o MusicSite.Web/wwwroot/bench-static.mp3 "$base/api/music/stream/$id?quality=high"
echo "stream: file of $(stat -c %s MusicSite.Web/wwwroot/bench-static.mp3) bytes"
dotnet "$bench" stream "$base/api/music/stream/$id?quality=high" 10 "$base/bench-static.mp3"
