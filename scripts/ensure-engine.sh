#!/usr/bin/env bash
# Makes sure what the platform needs is installed and the Docker engine runs.
# Installs missing Debian packages with apt (needs root) and starts dockerd when nothing answers.
# Prints "started" on fd 3 (if open) when it started dockerd itself, so a caller can stop it again.
set -euo pipefail

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v git >/dev/null 2>&1 || need+=(git)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Size-limited /data volumes: ext4 image files on loop devices (losetup is in util-linux, always there).
command -v mkfs.ext4 >/dev/null 2>&1 || need+=(e2fsprogs)
if [ ${#need[@]} -gt 0 ]; then
  echo "-----> Installing ${need[*]} (apt)"
  if [ "$(id -u)" -ne 0 ]; then echo "Please run as root (or install: sudo apt-get install -y ${need[*]})" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then exit 0; fi

echo "-----> Starting the Docker engine (log: /var/log/dockerd.log)"
if [ "$(id -u)" -ne 0 ]; then echo "The Docker engine is not running. Start it as root: sudo dockerd &" >&2; exit 1; fi
# fd 3 closed: a caller capturing our report on fd 3 must not wait for dockerd to end.
nohup dockerd >/var/log/dockerd.log 2>&1 3>&- &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    { echo started >&3; } 2>/dev/null || true
    exit 0
  fi
  sleep 1
done
echo "The Docker engine did not start within 60 s; see /var/log/dockerd.log" >&2
exit 1
