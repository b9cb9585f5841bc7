#!/usr/bin/env bash
# Makes sure what the platform needs is installed and the Docker engine runs, with container root mapped to an
# unprivileged host user (userns-remap): root inside a project's build or container is NOT root on the box.
# Installs missing Debian packages with apt (needs root), writes "userns-remap": "default" into /etc/docker/daemon.json,
# and starts dockerd when nothing answers, or restarts it when it runs without the remapping.
# Prints "started" on fd 3 (if open) when it started dockerd itself, so a caller can stop it again.
set -euo pipefail

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v git >/dev/null 2>&1 || need+=(git)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v newuidmap >/dev/null 2>&1 || need+=(uidmap)
command -v mkfs.ext4 >/dev/null 2>&1 || need+=(e2fsprogs)
command -v losetup >/dev/null 2>&1 || need+=(mount)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  echo "-----> Installing ${need[*]} (apt)"
  if [ "$(id -u)" -ne 0 ]; then echo "Please run as root (or install: sudo apt-get install -y ${need[*]})" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Whether the running engine maps container root to an unprivileged user.
remapped() { docker info --format '{{range .SecurityOptions}}{{.}} {{end}}' 2>/dev/null | grep -q 'name=userns'; }

# userns-remap in daemon.json, keeping whatever else the file holds.
configure_remap() {
  [ "$(id -u)" -eq 0 ] || return 0
  mkdir -p /etc/docker
  python3 - /etc/docker/daemon.json <<'PY'
import json, os, sys
path = sys.argv[1]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as f:
        config = json.load(f)
if config.get("userns-remap") != "default":
    config["userns-remap"] = "default"
    with open(path + ".new", "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    os.replace(path + ".new", path)
    print("-----> /etc/docker/daemon.json: userns-remap switched on (container root is not host root)")
PY
}

wait_for_engine() {
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "The Docker engine did not start within 60 s; see /var/log/dockerd.log" >&2
  exit 1
}

start_engine() {
  echo "-----> Starting the Docker engine (log: /var/log/dockerd.log)"
  # fd 3 closed: a caller capturing our report on fd 3 must not wait for dockerd to end.
  nohup dockerd >>/var/log/dockerd.log 2>&1 3>&- &
  wait_for_engine
  { echo started >&3; } 2>/dev/null || true
}

configure_remap

if docker info >/dev/null 2>&1; then
  remapped && exit 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "The Docker engine runs without userns-remap. As root, set \"userns-remap\": \"default\" in /etc/docker/daemon.json and restart it." >&2
    exit 1
  fi
  # The engine was started before the remapping was configured. Its containers keep running only until the restart;
  # the platform's reconciler starts them again (images are rebuilt: a remapped engine has its own image store).
  echo "-----> Restarting the Docker engine to switch on userns-remap"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
    systemctl restart docker
    wait_for_engine
  else
    pid="$(cat /var/run/docker.pid 2>/dev/null || pgrep -xo dockerd || true)"
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    start_engine
  fi
  remapped || { echo "dockerd restarted but userns-remap is not active; see /var/log/dockerd.log" >&2; exit 1; }
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then echo "The Docker engine is not running. Start it as root: sudo dockerd &" >&2; exit 1; fi
start_engine
remapped || { echo "dockerd runs without userns-remap; see /var/log/dockerd.log" >&2; exit 1; }
