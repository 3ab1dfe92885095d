#!/usr/bin/env bash
# Builds and tests the VS Code extension: npm ci, unit tests (Java discovery, settings), the
# packaged server jar driven over vscode-jsonrpc, the .vsix with its contents checked, then the
# .vsix installed in a real VS Code (code-server, e2e/) and used through Chromium, screenshots in
# vscode-client/target/e2e/.
# Needs server/target/buildbot-ls.jar (mvn -B package).
set -euo pipefail
cd "$(dirname "$0")/../vscode-client"

# scripts/test.sh has run `npm ci` before any test; on its own this script installs what is missing.
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
npm run package
npm test

python3 - buildbot-ls.vsix <<'PY'
import json, sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
manifest = json.loads(zipfile.ZipFile(sys.argv[1]).read("extension/package.json"))
required = ["extension/package.json", "extension/dist/extension.js", "extension/server/buildbot-ls.jar", "extension/server/buildbot-ls",
            "extension/images/icon.png", "extension.vsixmanifest"]
missing = [n for n in required if n not in names]
bloat = [n for n in names if "node_modules/" in n or n.startswith("extension/src/") or n.startswith("extension/out/")]
problems = []
if missing: problems.append(f"missing {missing}")
if bloat: problems.append(f"should not ship {bloat[:5]}")
if manifest["main"] != "./dist/extension.js": problems.append(f"main is {manifest['main']}")
if manifest.get("icon") != "images/icon.png": problems.append(f"icon is {manifest.get('icon')}")
commands = {c["command"] for c in manifest["contributes"]["commands"]}
if commands != {"buildbot.render", "buildbot.restartServer", "buildbot.showOutput"}: problems.append(f"commands {commands}")
if problems:
    sys.exit("buildbot-ls.vsix: " + "; ".join(problems))
print(f"buildbot-ls.vsix: {len(names)} files, manifest, icon, bundled extension, server jar and launcher present, no node_modules")
PY

# The end-to-end test: scripts/test.sh installed e2e/ (code-server on Node 24, playwright-core).
node --test e2e/e2e.test.mjs
