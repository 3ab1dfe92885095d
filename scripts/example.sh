#!/usr/bin/env bash
# Builds the server jar and runs the main job on the bundled example: --check on the chart's
# default values and every example, then the rendered manifests of the default values.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
java -jar server/target/buildbot-ls.jar --check chart/values.yaml chart/examples/*.yaml
echo "--check: no errors in chart/values.yaml and chart/examples/"
java -jar server/target/buildbot-ls.jar --render chart/values.yaml
