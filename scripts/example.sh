#!/usr/bin/env bash
# Builds the server jar and runs the main job on the bundled example: --check on the chart's
# default values and every example, then the rendered manifests of the default values.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
server/target/buildbot-ls --check chart/values.yaml chart/examples/*.yaml
echo "--check: no errors in chart/values.yaml and chart/examples/"
server/target/buildbot-ls --render chart/values.yaml
