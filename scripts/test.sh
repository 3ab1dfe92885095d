#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, then `mvn -B verify`
# (server, chart, Neovim and Buildbot integration tests) and the VS Code extension's build and tests.
#   Debian: buildbot (checkconfig, real masters), buildbot-worker, python3-psycopg2, python3-pymysql,
#           postgresql, git, neovim (the end-to-end LSP client); nodejs and npm when missing (the
#           integration test's WAMP router is fox-wamp from npm, installed with `npm ci` by the test).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(buildbot buildbot-worker python3-psycopg2 python3-pymysql postgresql git neovim)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
scripts/apt-install.sh "${packages[@]}"

mvn -B verify "$@"
scripts/vscode.sh
