#!/usr/bin/env bash
# What live projects cost while nobody visits them: CPU time of the platform process and of the Docker engine over a
# quiet window, with N static projects running. The platform's upkeep (reconciler, resource samples, network clean-up)
# asks the engine about every project on every pass, so this is the cost that grows with the number of projects.
# Reference, measured in the same run: the engine with the same containers while the platform is stopped.
#
#   bash bench/idle/run.sh [projects] [window-seconds] [reconcile-interval]
#   (defaults: 40 projects, 60 s, 00:00:02 — the short interval the integration tests use, to make the cost visible;
#    pass 00:00:30 for the platform's default)
set -euo pipefail
cd "$(dirname "$0")/../.."
projects=${1:-40}
window=${2:-60}
interval=${3:-00:00:02}
bash scripts/ensure-engine.sh
bash sandbox-images/build.sh >/dev/null

work=$(mktemp -d /tmp/jl-bench-idle.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
instance=idle
pw=bench-admin-password
api() { curl -sS -f -u "admin:$pw" -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/$1" "${@:2}"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process, in clock ticks
hz=$(getconf CLK_TCK)
dockerd_pid=$(pgrep -xo dockerd)

cleanup() {
  [ -n "${platform_pid:-}" ] && kill "$platform_pid" 2>/dev/null && wait "$platform_pid" 2>/dev/null || true
  docker ps -aq --filter "label=jugendlab.managed=$instance" | xargs -r docker rm -f >/dev/null
  docker images -q "jugendlab-$instance/*" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  docker network ls -q --filter "name=jl-$instance-" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker volume ls -q --filter "name=jl-$instance-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  losetup -a 2>/dev/null | grep -F "($work/" | cut -d: -f1 | xargs -r -n1 losetup -d 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_platform() {
  Urls="http://127.0.0.1:$port" JUGENDLAB_ADMIN_PASSWORD=$pw \
  JugendLab__Domain__PublicUrl="http://lab.localhost:$port" JugendLab__Orchestrator__DataDirectory="$work/data" \
  JugendLab__Orchestrator__Instance=$instance JugendLab__Matrix__Enabled=false JugendLab__Orchestrator__ReconcileInterval="$interval" \
  JugendLab__Orchestrator__SampleInterval="$interval" JugendLab__Network__CleanupInterval="$interval" \
    dotnet "$work/platform/JugendLab.Web.dll" >>"$work/platform.log" 2>&1 &
  platform_pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/openapi.json" >/dev/null && return; sleep 1; done
  echo "The platform did not start; see $work/platform.log" >&2; exit 1
}

echo "-----> Building and starting the platform (instance '$instance', port $port, passes every $interval)"
dotnet build src/JugendLab.Web -c Release -o "$work/platform" >/dev/null
start_platform
token=$(api tokens -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "-----> Deploying $projects static projects (5 per team)"
repo="$work/site"; mkdir -p "$repo"; git -C "$repo" init -q -b main
printf '<h1>quiet</h1>\n' > "$repo/index.html"
git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@b commit -qm site
for i in $(seq 1 "$projects"); do
  team="idle-$(( (i - 1) / 5 ))"
  if (( (i - 1) % 5 == 0 )); then
    api teams -d "{\"name\":\"$team\"}" >/dev/null
    api "teams/$team/quota" -X PUT -d '{"maxProjects":5,"memoryMb":256,"cpus":0.5,"diskMb":64}' >/dev/null
  fi
  api "teams/$team/projects" -d "{\"name\":\"idle-$i\"}" >/dev/null
  git -C "$repo" push -q "http://admin:$token@lab.localhost:$port/git/$team/idle-$i.git" main 2>/dev/null
done
live=$(docker ps -q --filter "label=jugendlab.managed=$instance" | wc -l)
echo "       $live containers running"

measure() { # pid... -> CPU seconds each used over the window
  local before=() after=() p
  for p in "$@"; do before+=("$(ticks "$p")"); done
  sleep "$window"
  for p in "$@"; do after+=("$(ticks "$p")"); done
  for i in "${!before[@]}"; do python3 -c "print(round((${after[$i]} - ${before[$i]}) / $hz, 2))"; done
}

sleep "$window" # let start-up and the first passes settle
echo "-----> Quiet window of ${window}s with the platform running"
read -r platform_cpu engine_with < <(measure "$platform_pid" "$dockerd_pid" | paste -sd' ')
rss=$(awk '/^Pss:/ {print int($2/1024)}' "/proc/$platform_pid/smaps_rollup")
kill "$platform_pid"; wait "$platform_pid" 2>/dev/null || true; platform_pid=""
echo "-----> Quiet window of ${window}s with the platform stopped (reference: the engine alone)"
engine_alone=$(measure "$dockerd_pid")

pct() { python3 -c "print(f'{100 * $1 / $window:5.1f}')"; }
bar() { python3 -c "print('#' * max(1, round(100 * $1 / $window)))"; }
echo
echo "CPU while $live projects idle, passes every $interval (percent of one core; # = 1 %)"
printf '%-30s %6s %%  %s\n' "platform process" "$(pct "$platform_cpu")" "$(bar "$platform_cpu")"
printf '%-30s %6s %%  %s\n' "engine, platform running" "$(pct "$engine_with")" "$(bar "$engine_with")"
printf '%-30s %6s %%  %s\n' "engine alone (reference)" "$(pct "$engine_alone")" "$(bar "$engine_alone")"
python3 -c "a=$engine_alone; w=$engine_with; print(f'engine with the platform / engine alone: {w / a:.1f}x' if a > 0 else 'engine alone used no measurable CPU')"
echo "platform memory (PSS): ${rss} MB"
