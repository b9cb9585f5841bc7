#!/usr/bin/env bash
# How heavy and how fast are the web app's pages with a full team? (issue 10: no page over 150 KB with its CSS and JS,
# each answering in under 100 ms with 50 projects.) Starts the real platform, gives one team 50 live projects (and one
# with a few versions, variables and a log), signs in through the form like a browser, then measures every page:
# its weight (the HTML plus everything it loads from the platform) and its response time (median and 90th percentile
# of many requests over one kept-alive connection), next to the reference: the platform serving its own CSS file.
#
#   bench/web-pages/run.sh
#   PROJECTS=20 REQUESTS=50 bench/web-pages/run.sh
#
# Not part of the test run. Needs Docker (scripts/ensure-engine.sh).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PROJECTS=${PROJECTS:-50}
REQUESTS=${REQUESTS:-40}
INSTANCE=bpages
PASSWORD=bench-admin-password

WORK=$(mktemp -d /tmp/jugendlab-pages.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PLATFORM_PID=""

cleanup() {
    # Only what this script started: its platform by process id, its engine objects by its instance name.
    [[ -n $PLATFORM_PID ]] && kill "$PLATFORM_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    docker ps -aq --filter "label=jugendlab.managed=$INSTANCE" | xargs -r docker rm -f >/dev/null
    docker images -q "jugendlab-$INSTANCE/*" | xargs -r docker rmi -f >/dev/null 2>&1 || true
    docker network ls -q --filter "name=jl-$INSTANCE-" | xargs -r docker network rm >/dev/null 2>&1 || true
    docker volume ls -q --filter "name=jl-$INSTANCE-" | xargs -r docker volume rm >/dev/null 2>&1 || true
    losetup -a 2>/dev/null | grep -F "($WORK/" | cut -d: -f1 | xargs -r -n1 losetup -d 2>/dev/null || true
    [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

bash "$REPO/scripts/ensure-engine.sh"
bash "$REPO/sandbox-images/build.sh" >/dev/null
echo "-----> Building the platform and starting it on port $PORT"
dotnet build "$REPO/src/JugendLab.Web" -c Release -o "$WORK/platform" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
Urls="http://127.0.0.1:$PORT" JUGENDLAB_ADMIN_PASSWORD=$PASSWORD \
JugendLab__Domain__PublicUrl="http://lab.localhost:$PORT" JugendLab__Orchestrator__DataDirectory="$WORK/data" \
JugendLab__Orchestrator__Instance=$INSTANCE JugendLab__Matrix__Enabled=false \
    dotnet "$WORK/platform/JugendLab.Web.dll" >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/api/openapi.json" >/dev/null && break; sleep 1; done

echo "-----> A team with $PROJECTS live projects"
PORT=$PORT PASSWORD=$PASSWORD PROJECTS=$PROJECTS WORK=$WORK REQUESTS=$REQUESTS python3 "$HERE/measure.py"
