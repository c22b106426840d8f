#!/usr/bin/env bash
# Install helpers shared by run.sh, test.sh and .ci/run. Sourced, not run.
# Each need is a command that must be on PATH and the Debian package that provides it. As root the
# package is installed with apt-get (with one `apt-get update` first); otherwise the script says what
# to install and stops.

_apt_updated=0

ensure_command() {
  local command_name=$1 package=$2
  if command -v "$command_name" >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "MusicSite needs '$command_name'. Install it with: sudo apt-get install -y $package" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "MusicSite needs '$command_name' (Debian package '$package'), and apt-get is not available here: install it by hand." >&2
    exit 1
  fi
  echo "Installing $package (for $command_name)..."
  if [ "$_apt_updated" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || { echo "apt-get update failed: install $package by hand." >&2; exit 1; }
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
    || { echo "Could not install $package: install it by hand (apt-get install $package)." >&2; exit 1; }
}

# Event times are stored in UTC and shown in the venue's IANA zone; .NET reads the zones from the system's tz
# database, which slim images leave out. The zone file stands in for a command.
ensure_tzdata() {
  if [ -f /usr/share/zoneinfo/Europe/Berlin ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "MusicSite needs the time zone database (/usr/share/zoneinfo). Install it with: sudo apt-get install -y tzdata" >&2
    exit 1
  fi
  echo "Installing tzdata (for event time zones)..."
  if [ "$_apt_updated" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || { echo "apt-get update failed: install tzdata by hand." >&2; exit 1; }
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tzdata >/dev/null \
    || { echo "Could not install tzdata: install it by hand (apt-get install tzdata)." >&2; exit 1; }
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "MusicSite needs the .NET 10 SDK ('dotnet' on PATH). Install it from your distribution or Microsoft's packages." >&2
    exit 1
  fi
  if ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "MusicSite needs a .NET 10 SDK; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
    exit 1
  fi
}

ensure_build_tools() {
  ensure_dotnet
  ensure_command npm npm        # the web build installs front-end packages (htmx) with npm ci
  ensure_command ffmpeg ffmpeg  # ffprobe comes with it
  ensure_tzdata                 # event time zones
}

# The site's garbage collector (decision 0051). MusicSite.Web.csproj picks the workstation collector (background
# collections on); the runtime reads the size of the youngest generation only from the environment, so it is set here
# for run.sh and the benchmarks, unless the caller set it. 64 MiB: a catalog page allocated about 1.5 MB, so the
# collector ran every page or two; with it, once every few dozen (p95 of the /tracks page at 100,000 tracks 12.2 ms ->
# 7.1 ms, peak memory 392 -> 393 MB). A deployment that starts the program another way sets the same variable (README).
use_site_gc_settings() {
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
}
