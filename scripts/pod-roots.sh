#!/usr/bin/env bash
# Makes the root file systems the pod runner (server/src/test/.../testing/pods) runs the chart's
# containers in, laid out like Buildbot's official images at each tag the tests use:
#   trixie            -> Buildbot 4.2.1 as quay.io/buildbot/buildbot-master:v4.2.1 lays it out
#   trixie-worker     -> the same, as quay.io/buildbot/buildbot-worker:v4.2.1 lays it out
#   bookworm(-worker) -> Buildbot 3.7's code in that same layout: the "previous version" of the
#                        upgrade test (its code and database), not the v3.7.0 images (chart/README.md)
# Debian's buildbot and buildbot-worker are moved into /buildbot_venv/bin (a virtualenv over
# Debian's packages) and off the default PATH, as the images keep them; WORKDIR /buildbot,
# dumb-init at /usr/bin/dumb-init, git and the OpenSSH client (the master image installs
# openssh-client, the worker image gets it as git's recommendation). The master root has no user
# for uid 1000, exactly as the master image (no USER, no useradd); the worker root is a copy with
# the worker image's `useradd -ms /bin/bash buildbot` (uid 1000, the first user of Debian's image).
#
# Roots are made once per machine and reused (a stamp holds this script's hash); made in a
# temporary directory and renamed, so an interrupted run leaves nothing half made.
#   scripts/pod-roots.sh [SUITE...]     default: trixie bookworm
#   BUILDBOT_LS_ROOTS   where the roots live (default /var/cache/buildbot-ls/roots)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
roots="${BUILDBOT_LS_ROOTS:-/var/cache/buildbot-ls/roots}"
stamp="$(sha256sum "$here/pod-roots.sh" | cut -c1-16)"
packages="buildbot buildbot-worker python3-psycopg2 git openssh-client dumb-init ca-certificates procps"

# debootstrap and chroot need root.
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
"$here/apt-install.sh" debootstrap debian-archive-keyring

# The mirror this machine's apt already uses (the first non-security URI of its Debian sources).
mirror="$({ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } \
  | awk '/^(URIs:|deb) / && $2 !~ /security/ {print $2; exit}')"
[ -n "$mirror" ] || { echo "pod-roots: no Debian mirror in /etc/apt sources" >&2; exit 1; }

make_root() {
  local suite="$1" target="$roots/$1"
  if [ -f "$target/.buildbot-ls-root" ] && [ "$(cat "$target/.buildbot-ls-root")" = "$stamp" ] \
    && [ -f "$target-worker/.buildbot-ls-root" ] && [ "$(cat "$target-worker/.buildbot-ls-root")" = "$stamp" ]; then
    echo "pod-roots: $target is ready"
    return
  fi
  echo "pod-roots: making the $suite root in $target (a few minutes, once per machine)"
  mkdir -p "$roots"
  local work="$roots/.$suite.tmp"
  rm -rf "$work"
  local log="$roots/$suite.log"
  # debootstrap resolves no virtual packages (python3-ply-lex-3.10): Buildbot comes with apt-get.
  { debootstrap --variant=minbase "$suite" "$work" "$mirror" \
    && chroot "$work" apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive chroot "$work" apt-get install -y -qq --no-install-recommends $packages
  } > "$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
  chroot "$work" /bin/sh -es <<'EOF'
python3 -m venv --without-pip --system-site-packages /buildbot_venv
# twistd is /usr/bin/twistd3 in bookworm, /usr/bin/twistd in trixie; the images have twistd.
twistd="$(ls /usr/bin/twistd3 /usr/bin/twistd 2>/dev/null | head -n1)"
for cmd in /usr/bin/buildbot:buildbot /usr/bin/buildbot-worker:buildbot-worker "$twistd:twistd"; do
  from="${cmd%%:*}"; to="/buildbot_venv/bin/${cmd##*:}"
  sed '1s|^#!.*|#!/buildbot_venv/bin/python3|' "$from" > "$to"
  chmod 755 "$to"
done
rm -f /usr/bin/buildbot /usr/bin/buildbot-worker /usr/bin/twistd /usr/bin/twistd3
# Debian's package made a system user buildbot; neither image has it (the master image has no
# user of its own at all).
userdel buildbot 2>/dev/null || true
groupdel buildbot 2>/dev/null || true
if getent passwd 1000 >/dev/null; then echo "pod-roots: the master root has a user for uid 1000" >&2; exit 1; fi
mkdir -p /buildbot
apt-get clean
EOF
  echo "$stamp" > "$work/.buildbot-ls-root"
  # The worker image: the same Buildbot, plus its user.
  local worker="$roots/.$suite-worker.tmp"
  rm -rf "$worker"
  cp -a "$work" "$worker"
  chroot "$worker" /bin/sh -es <<'EOF'
useradd --uid 1000 -ms /bin/bash buildbot
chown -R buildbot /buildbot
EOF
  rm -rf "$target" "$target-worker"
  mv "$worker" "$target-worker"
  mv "$work" "$target"
  echo "pod-roots: $target and $target-worker made"
}

for suite in "${@:-trixie bookworm}"; do
  for s in $suite; do make_root "$s"; done
done
