#!/usr/bin/env bash
# Time from `git push` to the site answering with the new version, for the static and the node template.
# Reference, measured in the same run on the same machine: doing the same by hand with the docker CLI
# (docker build with the same template Dockerfile + docker run on a bridge network + poll the container until it answers).
# The ratio platform/by-hand is the platform's overhead (git transport, hook, bookkeeping, route switch, gateway).
#
#   bash bench/push-to-live/run.sh [rounds]      (default 5 rounds per template)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
bash scripts/ensure-engine.sh
bash sandbox-images/build.sh >/dev/null

work=$(mktemp -d /tmp/jl-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
instance=bench
pw=bench-admin-password
registry=$(npm config get registry 2>/dev/null || true)
api() { curl -sS -f -u "admin:$pw" -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/$1" "${@:2}"; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }

cleanup() {
  [ -n "${platform_pid:-}" ] && kill "$platform_pid" 2>/dev/null || true
  docker ps -aq --filter "label=jugendlab.managed=$instance" | xargs -r docker rm -f >/dev/null
  docker ps -aq --filter "label=jugendlab-bench=1" | xargs -r docker rm -f >/dev/null
  docker images -q "jugendlab-$instance/*" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  docker images -q "jl-bench-manual" | xargs -r docker rmi -f >/dev/null 2>&1 || true
  docker network rm jl-bench-manual >/dev/null 2>&1 || true
  docker network ls -q --filter "name=jl-$instance-" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker volume ls -q --filter "name=jl-$instance-" | xargs -r docker volume rm >/dev/null 2>&1 || true
  # The projects' /data images hang on loop devices: detach the ones backed by files of this run.
  losetup -a 2>/dev/null | grep -F "($work/" | cut -d: -f1 | xargs -r -n1 losetup -d 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "-----> Building and starting the platform (instance '$instance', port $port)"
dotnet build src/JugendLab.Web -c Release -o "$work/platform" >/dev/null
Urls="http://127.0.0.1:$port" JUGENDLAB_ADMIN_PASSWORD=$pw \
JugendLab__Domain__PublicUrl="http://lab.localhost:$port" JugendLab__Orchestrator__DataDirectory="$work/data" \
JugendLab__Orchestrator__Instance=$instance JugendLab__Matrix__Enabled=false JugendLab__Build__NpmRegistry="$registry" \
  dotnet "$work/platform/JugendLab.Web.dll" >"$work/platform.log" 2>&1 &
platform_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/openapi.json" >/dev/null && break; sleep 1; done

api teams -d '{"name":"bench-team"}' >/dev/null
token=$(api tokens -d '{"name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

write_app() { # template dir marker
  case $1 in
    static) printf '<h1>%s</h1>\n' "$3" > "$2/index.html" ;;
    node)
      printf '{ "name": "bench", "scripts": { "start": "node server.js" } }\n' > "$2/package.json"
      printf "require('http').createServer((q, r) => r.end('%s')).listen(process.env.PORT, '0.0.0.0');\n" "$3" > "$2/server.js" ;;
  esac
}

wait_for() { # url marker [resolve-host]
  until curl -s --max-time 2 "$1" 2>/dev/null | grep -q "$2"; do sleep 0.05; done
}

declare -A platform_times manual_times
for template in static node; do
  project="bench-$template"
  api teams/bench-team/projects -d "{\"name\":\"$project\"}" >/dev/null
  repo="$work/$template"; mkdir -p "$repo"; git -C "$repo" init -q -b main
  echo "-----> $template: $rounds pushes through the platform"
  for i in $(seq 1 "$rounds"); do
    marker="$template-round-$i-$RANDOM"
    write_app "$template" "$repo" "$marker"
    git -C "$repo" add -A && git -C "$repo" -c user.name=b -c user.email=b@b commit -qm "$marker"
    t0=$(now)
    git -C "$repo" push -q "http://admin:$token@lab.localhost:$port/git/bench-team/$project.git" main 2>/dev/null
    wait_for "http://$project.lab.localhost:$port/" "$marker"
    platform_times[$template]+="$(calc "$(now) - $t0") "
  done

  echo "-----> $template: $rounds times the same by hand (docker build + docker run + poll)"
  docker network create jl-bench-manual >/dev/null 2>&1 || true
  for i in $(seq 1 "$rounds"); do
    marker="$template-manual-$i-$RANDOM"
    write_app "$template" "$repo" "$marker"
    # Where the platform puts it: inside the context (the templates copy .jugendlab/Dockerfile with the package lists).
    mkdir -p "$repo/.jugendlab" && cp "sandbox-images/templates/$template.Dockerfile" "$repo/.jugendlab/Dockerfile"
    t0=$(now)
    DOCKER_BUILDKIT=0 docker build -q -f "$repo/.jugendlab/Dockerfile" --build-arg NPM_CONFIG_REGISTRY="$registry" -t jl-bench-manual "$repo" >/dev/null 2>&1
    id=$(docker run -d --label jugendlab-bench=1 --network jl-bench-manual --read-only --tmpfs /tmp --user 10001:10001 --cap-drop ALL \
         --security-opt no-new-privileges --memory 256m -e PORT=8080 jl-bench-manual)
    ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$id")
    wait_for "http://$ip:8080/" "$marker"
    manual_times[$template]+="$(calc "$(now) - $t0") "
    docker rm -f "$id" >/dev/null
  done
  rm -f "$repo"/.git/index.lock
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bar() { python3 -c "print('#' * max(1, round($1 * 10)))"; }

echo
echo "Time from git push to the new version answering (median of $rounds; seconds)"
printf '%-8s %10s %10s %8s\n' template platform by-hand ratio
for template in static node; do
  p=$(median "${platform_times[$template]}"); m=$(median "${manual_times[$template]}")
  printf '%-8s %10.2f %10.2f %8.2f\n' "$template" "$p" "$m" "$(calc "$p / $m")"
done
echo
for template in static node; do
  p=$(median "${platform_times[$template]}"); m=$(median "${manual_times[$template]}")
  printf '%-16s %6.2fs %s\n' "$template platform" "$p" "$(bar "$p")"
  printf '%-16s %6.2fs %s\n' "$template by hand" "$m" "$(bar "$m")"
done
echo "(one # = 0.1 s; all rounds: platform static ${platform_times[static]}| node ${platform_times[node]})"
