#!/usr/bin/env bash
# The benchmark (not part of the tests): buildbot-ls against yaml-language-server (pinned in
# bench/package.json) on values files of about 100, 20,000 and 100,000 lines; prints the table and
# writes bench/results.json. Options go to the benchmark: --sizes 100,20000 --edits 60 --requests 100;
# --chart-scale 1000,2000,4000,8000,10000 runs the chart-scale benchmark instead (bench/results-chart-scale.json).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || scripts/apt-install.sh nodejs npm
mvn -B -q package -DskipTests
(cd bench && npm ci --no-audit --no-fund >/dev/null)
# Start-up is measured on Java 17 and on Java 25 (the launcher's AOT cache).
BUILDBOT_LS_JAVA25="$(scripts/java25.sh)" java -cp "server/target/buildbot-ls.jar:server/target/test-classes:bench/target/classes" dev.buildbotls.bench.Benchmark --repo . "$@"
