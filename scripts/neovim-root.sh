#!/usr/bin/env bash
# Makes the root NeovimIT runs Debian trixie's Neovim from: a copy of the pod runner's trixie root
# (scripts/pod-roots.sh) with Debian's neovim added, kept beside it. The pod root itself stays laid
# out like Buildbot's image. Made once per machine (a stamp holds this script's hash and the pod
# root's), in a temporary directory renamed when done.
#   BUILDBOT_LS_ROOTS   where the roots live (default /var/cache/buildbot-ls/roots)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
roots="${BUILDBOT_LS_ROOTS:-/var/cache/buildbot-ls/roots}"
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
[ -f "$roots/trixie/.buildbot-ls-root" ] || "$here/pod-roots.sh" trixie
stamp="$(cat "$here/neovim-root.sh" "$roots/trixie/.buildbot-ls-root" | sha256sum | cut -c1-16)"
target="$roots/trixie-neovim"
if [ -f "$target/.buildbot-ls-root" ] && [ "$(cat "$target/.buildbot-ls-root")" = "$stamp" ]; then
  echo "neovim-root: $target is ready"
  exit 0
fi
echo "neovim-root: making $target (Debian trixie's neovim, about a minute)"
work="$roots/.trixie-neovim.tmp"
rm -rf "$work"
cp -a "$roots/trixie" "$work"
log="$roots/trixie-neovim.log"
{ chroot "$work" apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive chroot "$work" apt-get install -y -qq --no-install-recommends neovim \
  && chroot "$work" apt-get clean
} > "$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
echo "$stamp" > "$work/.buildbot-ls-root"
rm -rf "$target"
mv "$work" "$target"
echo "neovim-root: $target made ($(chroot "$target" nvim --version | head -n1))"
