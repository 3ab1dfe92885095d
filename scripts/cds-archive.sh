#!/usr/bin/env bash
# Makes the class-data sharing archive (AppCDS) beside the jar, at build time (`mvn package` runs
# it), from the same training run the launcher and the VS Code extension use
# (dev.buildbotls.TrainingRun: an editor's first minute over the protocol, and a --check). A JVM
# started with -XX:SharedArchiveFile=<archive> then maps those classes instead of loading them, which
# halves a cold start. The archive is only valid for this jar (path and timestamp) and this JDK; the
# JVM ignores it otherwise. The benchmark and the README's cold --check figure use it.
# Usage: scripts/cds-archive.sh <jar> <archive>
set -euo pipefail
jar=$1
archive=$2
rm -f "$archive"
java -Xms64m -Xmx1g -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -Xlog:all=error:stderr \
  -cp "$jar" dev.buildbotls.TrainingRun > /dev/null
test -s "$archive"
echo "class-data sharing archive: $archive ($(( $(wc -c < "$archive") / 1024 )) KiB)"
