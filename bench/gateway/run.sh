#!/usr/bin/env bash
# Gateway throughput as a RATIO to nginx, both measured in this run on this box, so the number means something on any
# machine. Rounds vary by 10-20 % (FACTS, "Proxy performance"); compare ratios, not requests per second across machines.
#
#   bench/gateway/run.sh                     # defaults below
#   DURATION=30 CONNECTIONS=32 bench/gateway/run.sh
#
# Not part of the test run. Needs root for apt-get only when nginx or wrk is missing.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

DURATION=${DURATION:-20}          # seconds measured per target
WARMUP=${WARMUP:-15}              # seconds of load before measuring the gateway (cold YARP runs at half speed)
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
MAX_DRAIN=${MAX_DRAIN:-90}        # longest wait for TIME_WAIT sockets to drain between runs
NGINX_PORT=${NGINX_PORT:-18181}   # the backend: a small static file
PROXY_PORT=${PROXY_PORT:-18182}   # nginx as a reverse proxy to the same backend (like-for-like reference)
GATEWAY_PORT=${GATEWAY_PORT:-18180}
HOST_HEADER=bench.lab.localhost

WORK=$(mktemp -d /tmp/jugendlab-bench.XXXXXX)
NGINX_PID=""
GATEWAY_PID=""

cleanup() {
    # Only the processes this script started, by their id.
    [[ -n $GATEWAY_PID ]] && kill "$GATEWAY_PID" 2>/dev/null || true
    [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    # The projects' /data images hang on loop devices: detach the ones backed by files of this run.
    losetup -a 2>/dev/null | grep -F "($WORK/" | cut -d: -f1 | xargs -r -n1 losetup -d 2>/dev/null || true
    [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

ensure_tools() {
    command -v nginx >/dev/null && command -v wrk >/dev/null && return
    echo "-----> Installing nginx and wrk from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
}

start_nginx() {
    mkdir -p "$WORK/www" "$WORK/nginx"
    # nginx's workers run as www-data; mktemp's directory is private to root.
    chmod 755 "$WORK" "$WORK/www"
    # A small static page, about the size of a simple project's index.html.
    head -c 512 /dev/zero | tr '\0' 'x' >"$WORK/www/index.html"
    cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
    upstream backend { server 127.0.0.1:$NGINX_PORT; keepalive 128; }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
}
EOF
    nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    wait_until_ok "http://127.0.0.1:$NGINX_PORT/index.html" "nginx"
}

start_gateway() {
    echo "-----> Building the bench host (Release)"
    dotnet build -c Release "$HERE/GatewayBench" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    # FACTS: inline socket completions are worth 0-15 % and much less CPU at low load; tiered compilation and PGO stay on.
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
        dotnet "$HERE/GatewayBench/bin/Release/net10.0/GatewayBench.dll" \
        --urls "http://127.0.0.1:$GATEWAY_PORT" --backend "http://127.0.0.1:$NGINX_PORT/" >"$WORK/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    wait_until_ok "http://127.0.0.1:$GATEWAY_PORT/index.html" "the gateway"
    # The platform's fallback answers 200 too: make sure the route really reaches nginx, or we would measure the wrong thing.
    if ! curl -fsS -H "Host: $HOST_HEADER" "http://127.0.0.1:$GATEWAY_PORT/index.html" | cmp -s - "$WORK/www/index.html"; then
        echo "the gateway did not forward $HOST_HEADER to nginx" >&2
        exit 1
    fi
}

wait_until_ok() {
    local url=$1 name=$2
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null -H "Host: $HOST_HEADER" "$url" 2>/dev/null && return
        sleep 0.1
    done
    echo "$name did not answer at $url" >&2
    exit 1
}

# FACTS: back-to-back runs can exhaust the ephemeral ports with TIME_WAIT connections; throughput then collapses.
drain_time_wait() {
    local waited=0
    sleep 3
    while (( $(ss -Htan state time-wait | wc -l) > 500 && waited < MAX_DRAIN )); do
        sleep 2; waited=$((waited + 2))
    done
}

# Sum of user+system CPU ticks of the given processes and their threads.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}

nginx_pids() { echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; }

# run_wrk LABEL URL SECONDS PIDS... → prints "rps p99_ms cpu_s_per_10k" on stdout, wrk's report into $WORK/LABEL.txt
run_wrk() {
    local label=$1 url=$2 seconds=$3; shift 3
    local before after
    before=$(cpu_ticks "$@")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -H "Host: $HOST_HEADER" "$url" >"$WORK/$label.txt"
    after=$(cpu_ticks "$@")
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        /Requests\/sec:/ { rps = $2 }
        /^ +99%/ { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v)
                   p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        /requests in/ { n = $1 }
        /Non-2xx/ { bad = $NF }
        END { if (bad > 0) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 }
              printf "%.0f %.2f %.2f\n", rps, p99, (n > 0 ? ticks / hz / n * 10000 : 0) }' "$WORK/$label.txt"
}

measure() {
    local label=$1 url=$2 warmup=$3; shift 3
    echo "-----> $label: warm-up ${warmup}s, then ${DURATION}s with $CONNECTIONS connections" >&2
    (( warmup > 0 )) && run_wrk "$label-warmup" "$url" "$warmup" "$@" >/dev/null
    drain_time_wait
    run_wrk "$label" "$url" "$DURATION" "$@"
}

bar() { # bar VALUE MAX → a bar of up to 50 characters
    awk -v v="$1" -v m="$2" 'BEGIN { n = int(v / m * 50 + 0.5); s = ""; for (i = 0; i < n; i++) s = s "#"; print s }'
}

report() {
    local direct=($1) proxy=($2) gateway=($3)
    local max=${direct[0]}
    echo
    echo "Gateway benchmark — $(nproc) cores, $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s per target"
    echo
    printf '%-20s %9s %9s %14s  %s\n' "target" "req/s" "p99 ms" "CPU-s per 10k" "(CPU of)"
    printf '%-20s %9s %9s %14s  %s\n' "nginx (direct)" "${direct[0]}" "${direct[1]}" "${direct[2]}" "(nginx)"
    printf '%-20s %9s %9s %14s  %s\n' "nginx as proxy" "${proxy[0]}" "${proxy[1]}" "${proxy[2]}" "(nginx: proxy + backend)"
    printf '%-20s %9s %9s %14s  %s\n' "JugendLab gateway" "${gateway[0]}" "${gateway[1]}" "${gateway[2]}" "(gateway only)"
    echo
    printf '%-22s %s\n' "nginx (direct)" "$(bar "${direct[0]}" "$max")"
    printf '%-22s %s\n' "nginx as proxy" "$(bar "${proxy[0]}" "$max")"
    printf '%-22s %s\n' "JugendLab gateway" "$(bar "${gateway[0]}" "$max")"
    echo
    awk -v g="${gateway[0]}" -v d="${direct[0]}" -v p="${proxy[0]}" 'BEGIN {
        printf "ratio gateway / nginx direct:   %.2f\n", g / d
        printf "ratio gateway / nginx as proxy: %.2f   (FACTS: tuned YARP 0.71-0.75 on 2 cores)\n", g / p }'
}

ensure_tools
start_nginx
start_gateway

direct=$(measure "nginx-direct" "http://127.0.0.1:$NGINX_PORT/index.html" 5 $(nginx_pids))
proxy=$(measure "nginx-proxy" "http://127.0.0.1:$PROXY_PORT/index.html" 5 $(nginx_pids))
gateway=$(measure "gateway" "http://127.0.0.1:$GATEWAY_PORT/index.html" "$WARMUP" "$GATEWAY_PID")

report "$direct" "$proxy" "$gateway"
