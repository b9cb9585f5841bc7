#!/usr/bin/env bash
# A slow reader of a live build log must slow the build down, not grow the platform's memory.
# Deploys (from a git URL served on loopback) a Dockerfile that prints 100 MB of log, reads the streamed log with
# curl at 20 KB/s for 90 s, and samples the platform's resident memory every second.
#
#   bash bench/slow-reader/run.sh [platform-bin-dir]     (default: src/JugendLab.Web/bin/Release/net10.0, built first)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-engine.sh
bash sandbox-images/build.sh >/dev/null
bin=${1:-}
if [ -z "$bin" ]; then dotnet build src/JugendLab.Web -c Release >/dev/null; bin=src/JugendLab.Web/bin/Release/net10.0; fi
bin=$(cd "$bin" && pwd)

work=$(mktemp -d /tmp/jl-slow-reader.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); gport=$(free_port)
instance=slowrd
pw=bench-admin-password
cleanup() {
  [ -n "${reader_pid:-}" ] && kill "$reader_pid" 2>/dev/null || true
  [ -n "${platform_pid:-}" ] && kill "$platform_pid" 2>/dev/null || true
  [ -n "${http_pid:-}" ] && kill "$http_pid" 2>/dev/null || true
  docker ps -aq --filter "label=jugendlab.managed=$instance" | xargs -r docker rm -f -v >/dev/null
  docker images -q "jugendlab-$instance/*" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  for _ in $(seq 20); do # the engine may still be removing the cancelled build's container, which holds the network
    docker network ls -q --filter "name=jl-$instance-" | xargs -r docker network rm >/dev/null 2>&1 && break
    sleep 1
  done
  docker volume ls -q --filter "name=jl-$instance-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  # The projects' /data images hang on loop devices: detach the ones backed by files of this run.
  losetup -a 2>/dev/null | grep -F "($work/" | cut -d: -f1 | xargs -r -n1 losetup -d 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(
  cd "$bin"
  export Urls=http://127.0.0.1:$port JUGENDLAB_ADMIN_PASSWORD=$pw JugendLab__Domain__PublicUrl=http://lab.localhost:$port
  export JugendLab__Orchestrator__DataDirectory=$work/data JugendLab__Orchestrator__Instance=$instance JugendLab__Matrix__Enabled=false
  export JugendLab__Orchestrator__PruneLeftoversAfter=00:00:00 JugendLab__Build__AllowPrivateGitHosts=true
  export JugendLab__Build__MaxLogMb=300 JugendLab__Build__Timeout=00:05:00 JugendLab__Build__MemoryMb=256
  exec dotnet JugendLab.Web.dll >"$work/platform.log" 2>&1
) & platform_pid=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/api/openapi.json" >/dev/null && break; sleep 1; done
api() { curl -fsS -u "admin:$pw" -H 'Accept-Language: en' "$@"; }
api --json '{"name":"bench"}' "http://127.0.0.1:$port/api/teams" >/dev/null
api --json '{"name":"spam"}' "http://127.0.0.1:$port/api/teams/bench/projects" >/dev/null

mkdir -p "$work/src" "$work/srv"
(
  cd "$work/src" && git init -q -b main
  printf 'FROM jugendlab/debian:bookworm\nRUN yes "spam line %s" | head -c 100000000\n' "$RANDOM$RANDOM" >Dockerfile
  git add -A && git -c user.name=bench -c user.email=bench@example.org commit -qm spam
  git clone -q --bare . "$work/srv/repo.git" && git -C "$work/srv/repo.git" update-server-info
)
(cd "$work/srv" && exec python3 -m http.server "$gport" --bind 127.0.0.1 >/dev/null 2>&1) & http_pid=$!
sleep 1

before=$(ps -o rss= -p "$platform_pid")
# curl itself, not a shell function around it: its pid is what stops the reader.
curl -fsS -u "admin:$pw" -H 'Accept-Language: en' -N --limit-rate 20k --json "{\"gitUrl\":\"http://127.0.0.1:$gport/repo.git\"}" \
  "http://127.0.0.1:$port/api/teams/bench/projects/spam/deployments" >"$work/read.txt" 2>/dev/null & reader_pid=$!
max=$before
for _ in $(seq 90); do rss=$(ps -o rss= -p "$platform_pid"); [ "$rss" -gt "$max" ] && max=$rss; sleep 1; done
read=$(stat -c %s "$work/read.txt")
written=$(stat -c %s "$work/data/logs/deployment-1.log" 2>/dev/null || echo 0)
echo "platform memory: $((before / 1024)) MB before, at most $((max / 1024)) MB during 90 s (growth $(((max - before) / 1024)) MB)"
echo "log bytes: the reader got $read, the log file has $written (ratio file/reader $(python3 -c "print(round($written / max($read, 1), 1))"))"
