#!/usr/bin/env bash
# pre-commit entry: builds the server jar once in the hook's checkout, then checks the staged files.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/server/target/buildbot-ls.jar"
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -B -q package -DskipTests) >&2
fi
# The class-data sharing archive the build made beside the jar halves the start-up.
exec java -XX:SharedArchiveFile="${jar%.jar}.jsa" -Xlog:disable -Xlog:all=warning:stderr -jar "$jar" --check "$@"
