#!/usr/bin/env bash
# Makes the class-data sharing archive (AppCDS) beside the jar, at build time (`mvn package` runs
# it). A training run of the server records every class it loads while it analyses, completes,
# hovers and checks a values file; a JVM started with -XX:SharedArchiveFile=<archive> then maps
# those classes instead of loading them, which halves a cold start. The archive is only valid for
# this jar (path and timestamp) and this JDK; the JVM ignores it otherwise.
# Usage: scripts/cds-archive.sh <jar> <archive>
set -euo pipefail
jar=$1
archive=$2
uri=file:///cds-training/values.yaml
# Worker `a` and pool `b` (logins b-0, b-1), a typo, an unknown worker: every diagnostic path runs.
text='master:\n  replicas: 2\nworkers:\n  a:\n    password: secret\n  b:\n    replicas: 2\n    maxBuilds: two\n    imag: x\nbuilders:\n  build:\n    repository: https://example.org/app.git\n    command: [make]\n    workers: [a, c, ]\n'
messages=(
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
  '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'$uri'","languageId":"yaml","version":1,"text":"'"$text"'"}}}'
  '{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"'$uri'"},"position":{"line":13,"character":20}}}'
  '{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"'$uri'"},"position":{"line":0,"character":2}}}'
  '{"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"'$uri'"},"range":{"start":{"line":8,"character":4},"end":{"line":8,"character":4}},"context":{"diagnostics":[]}}}'
  '{"jsonrpc":"2.0","id":5,"method":"shutdown"}')
exit='{"jsonrpc":"2.0","method":"exit"}'
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
rm -f "$archive"
# A pause before `exit` lets the debounced validation publish its diagnostics first.
{ for m in "${messages[@]}"; do frame "$m"; done; sleep 2; frame "$exit"; } \
  | java -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -Xlog:all=error:stderr -jar "$jar" > /dev/null
test -s "$archive"
echo "class-data sharing archive: $archive ($(( $(wc -c < "$archive") / 1024 )) KiB)"
