#!/usr/bin/env bash
# Writes docs/openapi.json from the built platform: starts it on a free loopback port with an empty data directory,
# fetches /api/openapi.json, drops the "servers" entry (it names this run's port), and stops it again.
#   dotnet build src/JugendLab.Web -c Release && bash scripts/openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/jl-openapi.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
Urls="http://127.0.0.1:$port" JUGENDLAB_ADMIN_PASSWORD=openapi-only-password \
JugendLab__Orchestrator__DataDirectory="$data" JugendLab__Orchestrator__Instance=oapi JugendLab__Matrix__Enabled=false \
  dotnet src/JugendLab.Web/bin/Release/net10.0/JugendLab.Web.dll >"$data/platform.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; docker network ls -q --filter name=jl-oapi- | xargs -r docker network rm >/dev/null 2>&1; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/openapi.json" -o "$data/openapi.json" && break; sleep 1; done
[ -s "$data/openapi.json" ] || { echo "The platform did not answer; its log:" >&2; tail -20 "$data/platform.log" >&2; exit 1; }
python3 - "$data/openapi.json" docs/openapi.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc.pop("servers", None)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
echo "docs/openapi.json written"
