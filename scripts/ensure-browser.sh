#!/usr/bin/env bash
# The web app's browser tests drive Debian's Chromium (never a downloaded browser: this machine has no such download).
set -euo pipefail
[ -x /usr/lib/chromium/chromium ] && exit 0
echo "-----> Installing chromium for the browser tests (apt)"
if [ "$(id -u)" -ne 0 ]; then echo "Please run as root (or install: sudo apt-get install -y chromium)" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
