#!/usr/bin/env bash
# Install the system packages the tests drive (Docker engine, debootstrap, browser) where we can:
# as root on a Debian/Ubuntu machine. Elsewhere it says what is missing and leaves the
# decision to the tests (they skip loudly on a laptop and fail with CI=true).
set -euo pipefail

# command -> Debian package
declare -A NEEDED=(
  [debootstrap]=debootstrap
  [curl]=curl
  [fc-list]=fontconfig
)
# The container tests need a Docker engine. One that answers `docker info` (Docker Desktop, a runner's
# engine, Podman's socket via DOCKER_HOST) is used as it is; otherwise they start a private dockerd.
if ! { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }; then
  NEEDED[dockerd]=docker.io
fi
# Chromium for the browser tests, unless CHROMIUM_PATH names one already (e.g. Google Chrome on a
# GitHub runner, where Ubuntu's chromium package is a snap wrapper that does not run).
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "${CHROMIUM_PATH}" ]; then
  NEEDED[chromium]=chromium
fi

# Extra command=package pairs from the caller (e.g. `make bench-deps` adds hyperfine=hyperfine); a path works as the command, which
# matters for /usr/bin/time since `time` alone is a shell keyword.
for pair in "$@"; do
  NEEDED[${pair%%=*}]=${pair#*=}
done

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done
# A font with Hangul, so Chromium renders the Korean pages (and their screenshots) with system fonts.
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=ko family | grep -q .; }; then
  missing+=(fonts-noto-cjk)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

# Root runs apt-get directly; a user with password-less sudo (a GitHub Actions runner) goes through sudo.
as_root=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
fi

if { [ "$(id -u)" -eq 0 ] || [ ${#as_root[@]} -gt 0 ]; } && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "system-deps: not root or no apt-get; missing packages: ${missing[*]}" >&2
  echo "system-deps: the test groups that need them will be skipped (or fail under CI=true)" >&2
fi
