// Copies the server jar built by `mvn package` into the extension, which ships it.
const fs = require('fs');
const path = require('path');
const jar = path.resolve(__dirname, '..', '..', 'server', 'target', 'buildbot-ls.jar');
if (!fs.existsSync(jar)) {
  console.error(`${jar} is missing: run \`mvn -B package\` at the repository root first`);
  process.exit(2);
}
fs.mkdirSync(path.resolve(__dirname, '..', 'server'), { recursive: true });
fs.copyFileSync(jar, path.resolve(__dirname, '..', 'server', 'buildbot-ls.jar'));
// The launcher beside it, for terminals and other editors (README "Install").
fs.copyFileSync(path.resolve(jar, '..', 'buildbot-ls'), path.resolve(__dirname, '..', 'server', 'buildbot-ls'));
fs.chmodSync(path.resolve(__dirname, '..', 'server', 'buildbot-ls'), 0o755);
