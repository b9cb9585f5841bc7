#!/usr/bin/env bash
# Builds JugendLab's sandbox base images locally, with no container registry:
#
#   jugendlab/debian:bookworm (+ :latest)  Debian root filesystem from mmdebstrap, imported
#   jugendlab/static:latest                nginx serving /app/public or /app
#   jugendlab/node:latest                  Node.js + npm, starts the app like `npm start`
#   jugendlab/python:latest                Python 3 + Flask, runs `python3 app.py`
#   jugendlab/debian:sid                   Debian unstable root filesystem, for the homeserver only
#   jugendlab/synapse:latest               the neighbourhood's Matrix homeserver (Synapse from Debian unstable)
#   jugendlab/postgres:latest              PostgreSQL 15 from Debian, the homeserver's database
#
# Each image carries the label jugendlab.recipe=<sha256 of its recipe>; an image whose label still
# matches is skipped, so running this again is cheap. A rebuilt parent changes its children's hash.
#
# Usage: build.sh [--force] [--verbose]
#   --force    rebuild every image, without the layer cache (e.g. weekly, for security updates)
#   --verbose  stream the build output (default: only shown when a build fails)
#
# Environment (all optional):
#   JUGENDLAB_DEBIAN_SOURCES  an apt sources file (one-line or deb822) to use instead of
#                             deb.debian.org, e.g. /etc/apt/sources.list.d/debian.sources
#   JUGENDLAB_EXTRA_CA        CA certificates to add to every image (Debian's ca-certificates picks them
#                             up from /usr/local/share/ca-certificates): "auto" (default) = the ones this
#                             machine trusts beyond Debian's own set, e.g. a TLS-inspecting proxy's CA;
#                             "none"; or the path of a PEM file
#   NPM_CONFIG_REGISTRY       npm registry for builds; default: `npm config get registry` on this machine
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE=bookworm
BASE=jugendlab/debian
CHILDREN=(static node python synapse postgres)
LABEL=jugendlab.recipe

FORCE=0
VERBOSE=0
for arg in "$@"; do
    case "$arg" in
        --force) FORCE=1 ;;
        --verbose) VERBOSE=1 ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf -- '-----> %s\n' "$*"; }
die() { printf -- '!!!!!> %s\n' "$*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "docker CLI not found: apt-get install -y docker.io"
if ! docker info >/dev/null 2>&1; then
    die "Docker engine not reachable: start it with \`dockerd >/var/log/dockerd.log 2>&1 &\` and wait until \`docker info\` answers, then run this again."
fi

# One build at a time on this machine.
LOCK="${TMPDIR:-/tmp}/jugendlab-sandbox-images.lock"
exec 9>"$LOCK"
flock 9

WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/jugendlab-images.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

sha() { sha256sum | cut -d' ' -f1; }
recipe_of() { docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }
id_of() { docker image inspect -f '{{ .Id }}' "$1" 2>/dev/null || true; }
size_of() { docker image inspect -f '{{ .Size }}' "$1" | awk '{ printf "%d MB", $1 / 1000 / 1000 }'; }

# Runs a command with its output in a log; shows the log's end (or all of it with --verbose).
run_logged() {
    local log="$WORK/step.log"
    if [ "$VERBOSE" = 1 ]; then
        "$@" 2>&1 | sed 's/^/       /'
        return "${PIPESTATUS[0]}"
    fi
    if ! "$@" >"$log" 2>&1; then
        sed 's/^/       /' "$log" | tail -n 40 >&2
        return 1
    fi
}

# Removes a replaced image when nothing uses it any more (containers or child images keep it).
drop_old() {
    local old="$1" new="$2"
    if [ -n "$old" ] && [ "$old" != "$new" ]; then
        docker image rm "$old" >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------------------------------------
# 1. jugendlab/debian:bookworm (and :sid) from mmdebstrap
# ---------------------------------------------------------------------------------------------
MMDEBSTRAP_OPTS=(
    --variant=minbase
    --aptopt='Acquire::Languages "none"'
    --aptopt='APT::AutoRemove::SuggestsImportant "false"'
    --dpkgopt='path-exclude=/usr/share/man/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
    --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/locale/*'
    # No daemon may start while a Dockerfile installs packages (as in Debian's official images):
    # a policy-rc.d that denies every start; mmdebstrap must not replace it with its own temporary one.
    --skip=chroot/policy-rc.d
    --setup-hook='mkdir -p "$1/usr/sbin" && printf "#!/bin/sh\nexit 101\n" >"$1/usr/sbin/policy-rc.d" && chmod 0755 "$1/usr/sbin/policy-rc.d"'
)
# The host's apt proxy (if any) goes into the image, so builds FROM it reach the mirror the same way.
for scheme in http https; do
    proxy="$(apt-config dump "Acquire::$scheme::Proxy" 2>/dev/null | sed -n "s/^Acquire::$scheme::Proxy \"\(.*\)\";\$/\1/p" | head -n 1)"
    if [ -n "$proxy" ] && [ "$proxy" != DIRECT ]; then
        MMDEBSTRAP_OPTS+=("--aptopt=Acquire::$scheme::Proxy \"$proxy\"")
    fi
done
MIRRORS=()
if [ -n "${JUGENDLAB_DEBIAN_SOURCES:-}" ]; then
    [ -f "$JUGENDLAB_DEBIAN_SOURCES" ] || die "JUGENDLAB_DEBIAN_SOURCES=$JUGENDLAB_DEBIAN_SOURCES is not a file"
    MIRRORS=("$JUGENDLAB_DEBIAN_SOURCES")
fi

# Prints each PEM certificate of a bundle on one line (base64 body only), sorted.
pem_lines() { awk '/-BEGIN CERTIFICATE-/ { c = ""; next } /-END CERTIFICATE-/ { print c; next } { gsub(/[ \r]/, ""); c = c $0 }' "$@" | LC_ALL=C sort -u; }

# CA certificates this machine trusts beyond Debian's set (a TLS-inspecting proxy's CA, a local
# mirror's CA): without them npm/curl inside containers fail with "self-signed certificate in chain".
mkdir -p "$WORK/ca"
case "${JUGENDLAB_EXTRA_CA:-auto}" in
    none) ;;
    auto)
        if [ -f /etc/ssl/certs/ca-certificates.crt ] && [ -d /usr/share/ca-certificates ]; then
            pem_lines /etc/ssl/certs/ca-certificates.crt >"$WORK/ca/host.lines"
            find /usr/share/ca-certificates -name '*.crt' -exec cat {} + | pem_lines >"$WORK/ca/debian.lines"
            LC_ALL=C comm -23 "$WORK/ca/host.lines" "$WORK/ca/debian.lines" >"$WORK/ca/extra.lines"
        fi
        ;;
    *)
        [ -f "$JUGENDLAB_EXTRA_CA" ] || die "JUGENDLAB_EXTRA_CA=$JUGENDLAB_EXTRA_CA is not a file (or use auto / none)"
        pem_lines "$JUGENDLAB_EXTRA_CA" >"$WORK/ca/extra.lines"
        ;;
esac
mkdir -p "$WORK/ca/local"
n=0
if [ -s "$WORK/ca/extra.lines" ]; then
    while IFS= read -r body; do
        n=$((n + 1))
        { echo '-----BEGIN CERTIFICATE-----'; fold -w 64 <<<"$body"; echo '-----END CERTIFICATE-----'; } \
            >"$WORK/ca/local/jugendlab-extra-$n.crt"
    done <"$WORK/ca/extra.lines"
fi
CA_OPTS=()
if [ "$n" -gt 0 ]; then
    CA_OPTS=(
        --customize-hook='mkdir -p "$1/usr/local/share/ca-certificates"'
        --customize-hook="copy-in $(printf '%s ' "$WORK/ca/local/"*.crt)/usr/local/share/ca-certificates/"
    )
fi

# Builds $BASE:<suite> from mmdebstrap unless its recipe label still matches; extra mmdebstrap options after the suite.
build_base() {
    local suite="$1"; shift
    local extra=("$@") mirrors=()
    # A sources file names its own suite: it is used for the sandbox images' suite only.
    [ "$suite" != "$SUITE" ] || mirrors=("${MIRRORS[@]}")
    local recipe old
    recipe="$({
        printf '%s\0' "${MMDEBSTRAP_OPTS[@]}" "${extra[@]}" "$suite" "${mirrors[@]}"
        [ "$suite" != "$SUITE" ] || [ -z "${JUGENDLAB_DEBIAN_SOURCES:-}" ] || cat "$JUGENDLAB_DEBIAN_SOURCES"
        cat "$WORK/ca/local/"*.crt 2>/dev/null || true
    } | sha)"
    old="$(id_of "$BASE:$suite")"
    if [ "$FORCE" = 0 ] && [ -n "$old" ] && [ "$(recipe_of "$BASE:$suite")" = "$recipe" ]; then
        say "$BASE:$suite is up to date (${recipe:0:12})"
        return
    fi
    command -v mmdebstrap >/dev/null 2>&1 || die "mmdebstrap not found: apt-get install -y mmdebstrap"
    say "Building $BASE:$suite with mmdebstrap (recipe ${recipe:0:12})"
    for crt in "$WORK/ca/local/"*.crt; do
        [ -f "$crt" ] || continue
        subject="$(openssl x509 -noout -subject -in "$crt" 2>/dev/null || echo "subject unknown")"
        say "  adding this machine's extra CA certificate: ${subject#subject=}"
    done
    local start=$SECONDS
    run_logged mmdebstrap "${MMDEBSTRAP_OPTS[@]}" "${extra[@]}" "${CA_OPTS[@]}" "$suite" "$WORK/rootfs.tar" "${mirrors[@]}" </dev/null \
        || die "mmdebstrap failed (see above)"
    run_logged docker import \
        --change "LABEL $LABEL=$recipe" \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        "$WORK/rootfs.tar" "$BASE:$suite" || die "docker import failed (see above)"
    rm -f "$WORK/rootfs.tar"
    drop_old "$old" "$(id_of "$BASE:$suite")"
    say "Built $BASE:$suite in $((SECONDS - start)) s ($(size_of "$BASE:$suite"))"
}

build_base "$SUITE"
docker tag "$BASE:$SUITE" "$BASE:latest"
# Debian unstable, for the homeserver only (Synapse is not in bookworm). Its Release file reads as expired on mirrors
# that snapshot it, so apt must not insist on the date.
build_base sid --aptopt='Acquire::Check-Valid-Until "false"'


# ---------------------------------------------------------------------------------------------
# 2. jugendlab/<name>:latest from sandbox-images/<name>/Dockerfile (legacy builder)
# ---------------------------------------------------------------------------------------------
npm_registry="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || true)}"
npm_registry="${npm_registry:-https://registry.npmjs.org/}"
# --force really starts over (fresh packages, e.g. Debian security updates), not from cached layers.
no_cache=()
[ "$FORCE" = 0 ] || no_cache=(--no-cache)

# Hash of a directory: every file's path, mode and content.
dir_hash() {
    (
        cd "$1"
        find . -type f -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' f; do
            printf '%s %s %s\n' "$(stat -c %a "$f")" "$(sha <"$f")" "$f"
        done
    )
}

for name in "${CHILDREN[@]}"; do
    dir="$HERE/$name"
    image="jugendlab/$name:latest"
    [ -f "$dir/Dockerfile" ] || die "$dir/Dockerfile is missing"

    # Only Dockerfiles that declare the ARG get it (the legacy builder warns about unused ones).
    build_args=()
    if grep -q '^ARG NPM_CONFIG_REGISTRY' "$dir/Dockerfile"; then
        build_args+=(--build-arg "NPM_CONFIG_REGISTRY=$npm_registry")
    fi
    # The base is the one its Dockerfile names (FROM jugendlab/debian:<suite>).
    parent="$(sed -n 's/^FROM[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' "$dir/Dockerfile" | head -n 1)"
    base_id="$(id_of "$parent")"
    [ -n "$base_id" ] || die "$dir/Dockerfile builds FROM $parent, which this script did not build"
    recipe="$({ dir_hash "$dir"; printf 'base %s\n' "$base_id"; printf '%s\n' "${build_args[@]}"; } | sha)"

    old="$(id_of "$image")"
    if [ "$FORCE" = 0 ] && [ -n "$old" ] && [ "$(recipe_of "$image")" = "$recipe" ]; then
        say "$image is up to date (${recipe:0:12})"
        continue
    fi
    say "Building $image (recipe ${recipe:0:12})"
    start=$SECONDS
    run_logged env DOCKER_BUILDKIT=0 docker build \
        --label "$LABEL=$recipe" \
        "${build_args[@]}" \
        "${no_cache[@]}" \
        --tag "$image" \
        "$dir" || die "building $image failed (see above)"
    drop_old "$old" "$(id_of "$image")"
    say "Built $image in $((SECONDS - start)) s ($(size_of "$image"))"
done

say "Sandbox images ready"
