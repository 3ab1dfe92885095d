#!/usr/bin/env bash
# Prints the path of a Java 25 or later (bin/java) for the tests of the start-up cache's AOT path
# (the launcher and the VS Code extension use an AOT cache on Java 25+, a class-data sharing archive
# on 17-24, and the tests run both): BUILDBOT_LS_JAVA25 when set, else the newest JDK under
# /usr/lib/jvm (this machine kind ships Temurin 25 there; Debian bookworm has no Java 25 package).
# Exits 1 with one line when there is none.
set -euo pipefail
if [ -n "${BUILDBOT_LS_JAVA25:-}" ]; then
  candidates=("$BUILDBOT_LS_JAVA25")
else
  candidates=(/usr/lib/jvm/*/bin/java)
fi
best="" best_major=0
for java in "${candidates[@]}"; do
  [ -x "$java" ] || continue
  release="$(dirname "$(dirname "$(readlink -f "$java")")")/release"
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null | head -n 1)
  if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
    best=$java best_major=$major
  fi
done
if [ -z "$best" ]; then
  echo "java25: no Java 25 or later in ${BUILDBOT_LS_JAVA25:-/usr/lib/jvm} for the AOT start-up tests; install one there or set BUILDBOT_LS_JAVA25 to its bin/java" >&2
  exit 1
fi
echo "$best"
