#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs everything the tests need first, then
# `mvn -B verify` (server, chart, pod runner, Neovim and Buildbot integration tests) and the VS Code
# extension's build and tests. No test installs anything.
#   Debian: buildbot (checkconfig), buildbot-worker, python3-psycopg2, postgresql, git, neovim (the
#           end-to-end LSP client, bookworm's 0.7) and tmux (its terminal), debootstrap; nodejs and
#           npm when missing.
#   Roots:  the pod runner's Debian trixie (Buildbot 4.2.1) and bookworm (Buildbot 3.7) roots, laid
#           out like Buildbot's images, made once per machine by scripts/pod-roots.sh and reused;
#           a copy of the trixie root with trixie's Neovim 0.10 (scripts/neovim-root.sh).
#   npm:    the test WAMP router (server/src/test/wamp-router, fox-wamp) and the VS Code extension's
#           build and test tools (vscode-client), `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(buildbot buildbot-worker python3-psycopg2 postgresql git neovim tmux debootstrap)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
scripts/apt-install.sh "${packages[@]}"
scripts/pod-roots.sh
scripts/neovim-root.sh
(cd server/src/test/wamp-router && npm ci --no-audit --no-fund --loglevel=error)
(cd vscode-client && npm ci --no-audit --no-fund --loglevel=error)

mvn -B verify "$@"
scripts/vscode.sh
