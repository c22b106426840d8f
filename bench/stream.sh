#!/usr/bin/env bash
# bench/run.sh stream [seconds]: throughput of one 24 MB MP3 (a 10-minute upload's 320k variant), measured with wrk
# at 4 and 64 connections, each run `seconds` long (default 10); behind nginx five alternating rounds, with the median:
#   site standalone               Kestrel sends the bytes (/api/music/stream)
#   site behind nginx, redirect   the site checks, answers X-Accel-Redirect, nginx sends (docs/nginx.md's server block)
#   nginx direct                  nginx serving the same file as a plain static file
# then 500 slow listeners (40 KiB/s each, 320 kbit/s, for 30 s) on the standalone site: errors and its peak memory.
# With two cores or more, the server under test (the site, nginx) runs on core 0 and the client (wrk, the listeners) on
# core 1, so that neither takes CPU from the other and the comparison is one core of server against one core of server.
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
server_cpu=(); client_cpu=(); wrk_threads=2
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  server_cpu=(taskset -c 0); client_cpu=(taskset -c 1); wrk_threads=1
fi
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
    "${server_cpu[@]}" dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web" --urls "$base" >>"$work/site.log" 2>&1 &
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
  "${server_cpu[@]}" nginx -p "$work" -c "$work/nginx.conf"
}

# CPU time (user + system, in clock ticks) used so far by the given processes.
cpu_ticks() { local total=0 p; for p in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$total"; }
nginx_pids() { local master; master=$(cat "$work/nginx.pid"); echo "$master" $(pgrep -P "$master"); }

# One wrk run: its transfer rate in MB/s, requests/s, errors (answers of 400 and up, connect, read and write errors),
# requests that took over 30 s, and the CPU seconds the serving processes (the rest of the arguments) spent per GB
# sent: on a shared machine the rate follows the load, the CPU per GB much less. The URL was checked for a 200 with the
# whole file before.
measure() {
  local label=$1 url=$2 connections=$3 out before after
  shift 3
  before=$(cpu_ticks "$@")
  out=$("${client_cpu[@]}" wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --timeout 30s "$url")
  after=$(cpu_ticks "$@")
  echo "$out" | awk -v label="$label" -v c="$connections" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    function mb(v,   unit) { unit = substr(v, length(v) - 1); v = v + 0
                             return unit == "GB" ? v * 1024 : unit == "MB" ? v : unit == "KB" ? v / 1024 : v / 1048576 }
    /Transfer\/sec/ { rate = mb($2) }
    /requests in/ { sent = mb($5) }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8; timeouts = $10 }
    END { printf "stream: %-34s %3d connections  %8.0f MB/s  %6.1f requests/s  %5.2f CPU-s per GB  errors %d  timeouts (over 30 s) %d\n",
                 label, c, rate, rps, ticks / hz / (sent / 1024), errors + 0, timeouts + 0 }'
}

mb_of() { awk '{ for (i = 1; i <= NF; i++) if ($(i + 1) == "MB/s") print $i }' <<<"$1"; }
cpu_of() { awk '{ for (i = 1; i <= NF; i++) if ($(i + 1) == "CPU-s") print $i }' <<<"$1"; }
# The ratio of two runs: throughput, and nginx direct's CPU per GB over the other's (the efficiency ratio).
ratio() {
  awk -v label="$1" -v c="$2" -v a="$(mb_of "$3")" -v d="$(mb_of "$4")" -v ac="$(cpu_of "$3")" -v dc="$(cpu_of "$4")" \
    'BEGIN { printf "stream: %s / nginx direct at %d connections = %.2f (throughput), %.2f (CPU per GB, nginx over it)\n", label, c, a / d, dc / ac }'
}

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
echo "stream: $relative, $size bytes; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores;" \
  "$([ ${#server_cpu[@]} -gt 0 ] && echo "servers pinned to core 0, clients to core 1" || echo "not pinned")"

# A fresh process compiles its hot paths during its first requests: not measured.
warm_up() { "${client_cpu[@]}" wrk -t1 -c2 -d3s "$1" >/dev/null; }

start_nginx
warm_up "$base$stream"
for c in 4 64; do
  direct=$(measure "nginx direct" "http://127.0.0.1:$direct_port/$relative" "$c" $(nginx_pids)); echo "$direct"
  alone=$(measure "site standalone" "$base$stream" "$c" "$site"); echo "$alone"
  ratio standalone "$c" "$alone" "$direct"
done

# 500 listeners on the standalone site, each reading at 320 kbit/s, while its memory is polled.
"${client_cpu[@]}" dotnet "$bench" listeners "$base$stream" 500 40960 30 "$site"

stop_site
start_site "/_media/"
[ "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$proxy_port$stream")" = "200 $size" ] \
  || { echo "stream: nginx with the redirect does not answer 200 with the whole file" >&2; exit 1; }
warm_up "http://127.0.0.1:$proxy_port$stream"
# Both send with nginx, so the two rates are close and a single pair of runs mostly shows the machine's drift: five
# pairs, alternating, and the median of their ratios.
for c in 4 64; do
  ratios=()
  for round in 1 2 3 4 5; do
    direct=$(measure "nginx direct" "http://127.0.0.1:$direct_port/$relative" "$c" $(nginx_pids)); echo "$direct"
    accel=$(measure "site behind nginx, X-Accel-Redirect" "http://127.0.0.1:$proxy_port$stream" "$c" "$site" $(nginx_pids)); echo "$accel"
    line=$(ratio "behind nginx (round $round)" "$c" "$accel" "$direct"); echo "$line"
    ratios+=("$(awk '{ for (i = 1; i <= NF; i++) if ($(i + 1) == "(throughput),") print $i }' <<<"$line")")
  done
  printf '%s\n' "${ratios[@]}" | sort -n | awk -v c="$c" '{ r[NR] = $1 } END {
    printf "stream: behind nginx / nginx direct at %d connections, median of %d rounds = %.2f (rounds %.2f to %.2f)\n", c, NR, r[int((NR + 1) / 2)], r[1], r[NR] }'
done
echo "stream: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
