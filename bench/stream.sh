#!/usr/bin/env bash
# bench/run.sh stream [seconds]: throughput of one 24 MB MP3 (a 10-minute upload's 320k variant), measured with wrk
# at 4 and 64 connections, each run `seconds` long (default 10):
#   site standalone               Kestrel sends the bytes (/api/music/stream)
#   site behind nginx, redirect   the site checks, answers X-Accel-Redirect, nginx sends (docs/nginx.md's server block)
#   nginx direct                  nginx serving the same file as a plain static file
# then 500 slow listeners (40 KiB/s each, 320 kbit/s, for 30 s) on the standalone site: errors and its peak memory.
# Called by bench/run.sh with the benchmark's built dll. Prints numbers; never fails on them.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/tools.sh
bench=$1
seconds=${2:-10}
ensure_command wrk wrk
ensure_command nginx nginx-light

data=$(mktemp -d)      # the site's data directory; nginx reads its media/ folder
work=$(mktemp -d)      # nginx's prefix: config, pid, logs, temp files
site=""
cleanup() {
  [ -n "$site" ] && kill "$site" 2>/dev/null && wait "$site" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$data" "$work"
}
trap cleanup EXIT

port=5391; proxy_port=5392; direct_port=5393
base="http://127.0.0.1:$port"

dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet

# The real site on loopback with every rate limit off (all requests come from 127.0.0.1). $1: the accel prefix.
start_site() {
  if curl -s -o /dev/null "$base/"; then echo "stream: something already listens on $base" >&2; exit 1; fi
  MUSICSITE_DATA="$data" MUSICSITE_SEED=none MUSICSITE_ADMIN_EMAIL=bench@example.com MUSICSITE_ADMIN_PASSWORD=Bench1Password \
    RateLimits__AccountPermitLimit=0 RateLimits__AccountPerEmailLimit=0 RateLimits__SignInDelaySeconds=0 \
    RateLimits__UploadsPerHour=0 RateLimits__SearchesPerMinute=0 RateLimits__EditsPerMinute=0 RateLimits__ReadsPerMinute=0 \
    RateLimits__ContactPerHour=0 Streaming__AccelRedirectPrefix="$1" ReverseProxy__KnownProxies__0=127.0.0.1 \
    Logging__LogLevel__Default=Warning \
    dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "$base" >>"$work/site.log" 2>&1 &
  site=$!
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$base/healthz" && return 0; sleep 1; done
  echo "stream: the site did not start; its log:" >&2; tail -20 "$work/site.log" >&2; exit 1
}
stop_site() { kill "$site"; wait "$site" 2>/dev/null || true; site=""; }

# nginx as an ordinary process with its own prefix: docs/nginx.md's upstream and server block (ports and data path
# replaced), plus a plain static server on the media folder for the direct numbers.
start_nginx() {
  mkdir -p "$work/temp"
  local user=""
  if [ "$(id -u)" -eq 0 ]; then
    user="user nobody nogroup;"; chown nobody "$work/temp"; chmod o+x "$data"
  fi
  {
    echo "$user worker_processes auto; pid $work/nginx.pid; error_log $work/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;"
    echo "  keepalive_requests 100000;"
    echo "  client_body_temp_path $work/temp/body; proxy_temp_path $work/temp/proxy; fastcgi_temp_path $work/temp/fastcgi;"
    echo "  uwsgi_temp_path $work/temp/uwsgi; scgi_temp_path $work/temp/scgi;"
    awk '/^```nginx/ { inside = 1; next } /^```/ { inside = 0 } inside' docs/nginx.md \
      | sed -e "s|server 127.0.0.1:5080;|server 127.0.0.1:$port;|" -e "s|listen 80;|listen 127.0.0.1:$proxy_port;|" \
            -e "s|/var/lib/musicsite/data/media/|$data/media/|"
    echo "  server { listen 127.0.0.1:$direct_port; sendfile on; tcp_nopush on; location / { root $data/media; } }"
    echo "}"
  } >"$work/nginx.conf"
  nginx -p "$work" -c "$work/nginx.conf"
}

# One wrk run: its transfer rate in MB/s, requests/s, errors (answers of 400 and up, connect, read and write errors) and
# requests that took over 30 s. The URL was checked for a 200 with the whole file before.
measure() {
  local label=$1 url=$2 connections=$3 out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s "$url")
  echo "$out" | awk -v label="$label" -v c="$connections" '
    /Transfer\/sec/ { v = $2; unit = substr(v, length(v) - 1); v = v + 0
                      mb = unit == "GB" ? v * 1024 : unit == "MB" ? v : unit == "KB" ? v / 1024 : v / 1048576 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8; timeouts = $10 }
    END { printf "stream: %-34s %3d connections  %8.0f MB/s  %7.1f requests/s  errors %d  timeouts (over 30 s) %d\n",
                 label, c, mb, rps, errors + 0, timeouts + 0 }'
}

mb_of() { awk '{ for (i = 1; i <= NF; i++) if ($(i + 1) == "MB/s") print $i }' <<<"$1"; }

start_site ""
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"Bench1Password"}' \
  "$base/api/auth/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=330:duration=600" -ac 2 "$work/ten-minutes.flac"
id=$(curl -sf -H "Authorization: Bearer $token" -F audio=@"$work/ten-minutes.flac" -F title=Bench \
  "$base/api/music/tracks" | sed 's/^{"id":\([0-9]*\).*/\1/')
for _ in $(seq 1 300); do
  curl -sf "$base/api/music/tracks/$id" | grep -q '"state":"ready"' && break; sleep 1
done
stream="/api/music/stream/$id?quality=high"
file=$(find "$data/media/tracks" -name 'high.*' | head -1)
relative=${file#"$data/media/"}
size=$(stat -c %s "$file")
[ "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$base$stream")" = "200 $size" ] \
  || { echo "stream: the standalone stream does not answer 200 with the whole file" >&2; exit 1; }
echo "stream: $relative, $size bytes; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

start_nginx
for c in 4 64; do
  direct=$(measure "nginx direct" "http://127.0.0.1:$direct_port/$relative" "$c"); echo "$direct"
  alone=$(measure "site standalone" "$base$stream" "$c"); echo "$alone"
  awk -v a="$(mb_of "$alone")" -v d="$(mb_of "$direct")" -v c="$c" \
    'BEGIN { printf "stream: standalone / nginx direct at %d connections = %.2f\n", c, a / d }'
done

# 500 listeners on the standalone site, each reading at 320 kbit/s, while its memory is polled.
dotnet "$bench" listeners "$base$stream" 500 40960 30 "$site"

stop_site
start_site "/_media/"
[ "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$proxy_port$stream")" = "200 $size" ] \
  || { echo "stream: nginx with the redirect does not answer 200 with the whole file" >&2; exit 1; }
for c in 4 64; do
  direct=$(measure "nginx direct" "http://127.0.0.1:$direct_port/$relative" "$c"); echo "$direct"
  accel=$(measure "site behind nginx, X-Accel-Redirect" "http://127.0.0.1:$proxy_port$stream" "$c"); echo "$accel"
  awk -v a="$(mb_of "$accel")" -v d="$(mb_of "$direct")" -v c="$c" \
    'BEGIN { printf "stream: behind nginx / nginx direct at %d connections = %.2f\n", c, a / d }'
done
echo "stream: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
