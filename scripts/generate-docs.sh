#!/usr/bin/env bash
# Writes the copies made from their sources (GeneratedDocsTest): the README's code table and the VS
# Code setting's code list from the code catalogue (Code), the README's values table from the schema.
# Run it after changing a code or the schema; without it, `mvn verify` fails on the difference.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -pl server -Dtest=GeneratedDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dbuildbotls.regenerate=true
git --no-pager diff --stat -- README.md vscode-client/package.json
