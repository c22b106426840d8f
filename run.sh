#!/usr/bin/env bash
# Installs what is missing, builds, migrates, seeds (demo catalog on an empty database) and serves MusicSite.
#   MUSICSITE_DATA   data directory (default ./data)
#   ASPNETCORE_URLS  where to listen (default http://localhost:5080)
# Everything else: see README.md.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/tools.sh

ensure_build_tools
use_site_gc_settings

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
export MUSICSITE_DATA="${MUSICSITE_DATA:-data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Building MusicSite..."
dotnet build MusicSite.Web/MusicSite.Web.csproj -c Release -nologo -v quiet
echo "Starting on $ASPNETCORE_URLS with data in $MUSICSITE_DATA (the first start renders the demo catalog)..."
exec dotnet MusicSite.Web/bin/Release/net10.0/MusicSite.Web.dll --contentRoot "$PWD/MusicSite.Web"
