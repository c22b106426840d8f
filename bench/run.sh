#!/usr/bin/env bash
# MusicSite benchmarks: they print numbers, they never fail on timing.
#   bench/run.sh               search on 100,000 tracks, pipeline per minute of audio, stream vs static file
#   bench/run.sh search 20000  a smaller catalog
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
ensure_build_tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/MusicSite.Bench/MusicSite.Bench.csproj -c Release -nologo -v quiet
bench=bench/MusicSite.Bench/bin/Release/net10.0/MusicSite.Bench.dll
if [ "${1:-all}" != "stream" ]; then
  dotnet "$bench" "${1:-all}" ${2:-}
fi
[ "${1:-all}" = "all" ] || [ "${1:-all}" = "stream" ] || exit 0

# Stream throughput: the real site on loopback, one ready track (a 5-minute upload), its 320k MP3 compared
# with the same bytes served as a static file from wwwroot.
dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
data=$(mktemp -d); port=5190
MUSICSITE_DATA="$data" MUSICSITE_SEED=none MUSICSITE_ADMIN_EMAIL=bench@example.com MUSICSITE_ADMIN_PASSWORD=Bench1Password \
  dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "http://127.0.0.1:$port" >"$data/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; rm -rf "$data" MusicSite.Web/wwwroot/bench-static.mp3' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"Bench1Password"}' \
  "http://127.0.0.1:$port/api/auth/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=330:duration=300" -ac 2 "$data/five-minutes.flac"
id=$(curl -sf -H "Authorization: Bearer $token" -F audio=@"$data/five-minutes.flac" -F title=Bench \
  "http://127.0.0.1:$port/api/music/tracks" | sed 's/^{"id":\([0-9]*\).*/\1/')
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/music/tracks/$id" | grep -q '"state":"ready"' && break; sleep 1
done
curl -sf -o MusicSite.Web/wwwroot/bench-static.mp3 "http://127.0.0.1:$port/api/music/stream/$id?quality=high"
echo "stream: file of $(stat -c %s MusicSite.Web/wwwroot/bench-static.mp3) bytes"
dotnet "$bench" stream "http://127.0.0.1:$port/api/music/stream/$id?quality=high" 10 "http://127.0.0.1:$port/bench-static.mp3"
