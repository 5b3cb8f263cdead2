#!/usr/bin/env bash
# Install the system packages the tests drive (container engine, browser) where we can:
# as root on a Debian/Ubuntu machine. Elsewhere it says what is missing and leaves the
# decision to the tests (they skip loudly on a laptop and fail with CI=true).
set -euo pipefail

# command -> Debian package
declare -A NEEDED=(
  [podman]=podman
  [buildah]=buildah
  [runc]=runc
  [debootstrap]=debootstrap
  [chromium]=chromium
  [curl]=curl
  # podman at run time (Debian lists these as Recommends/Suggests, which a slim install may lack):
  # port publishing goes through iptables; uidmap and slirp4netns for rootless use.
  [iptables]=iptables
  [newuidmap]=uidmap
  [slirp4netns]=slirp4netns
  [fc-list]=fontconfig
)

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
