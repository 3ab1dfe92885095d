#!/usr/bin/env bash
# pre-commit entry: builds the server jar once in the hook's checkout, then checks the staged files.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/server/target/buildbot-ls.jar" ]; then
  (cd "$here" && mvn -B -q package -DskipTests) >&2
fi
# The launcher beside the jar: Java 17+ found (or named), its own class-data archive after the first run.
exec "$here/server/target/buildbot-ls" --check "$@"
