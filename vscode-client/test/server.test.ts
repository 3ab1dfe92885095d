// Starts the packaged server jar exactly as the extension's launch options say, and talks to it
// over vscode-jsonrpc, as vscode-languageclient does.
import { strict as assert } from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { findJava } from '../src/java';
import { runTraining, serverCommand } from '../src/launch';

const extensionPath = path.resolve(__dirname, '..', '..');

const probe = {
  env: process.env,
  platform: process.platform,
  isFile: (f: string) => fs.existsSync(f) && fs.statSync(f).isFile(),
  versionOutput: (f: string) => cp.spawnSync(f, ['-version'], { encoding: 'utf8' }).stderr,
};

test('the packaged server publishes diagnostics and honours initializationOptions, before and after its class-data archive (Java 17)', async () => {
  const java = findJava(undefined, probe);
  assert.ok(java.ok && java.version < 25, `a Java 17-24 on the PATH or in JAVA_HOME for this test: ${JSON.stringify(java)}`);
  await withAndWithoutCache(java.java, java.version, 'jsa', '-XX:SharedArchiveFile=');
});

test('on Java 25 the same, with an AOT cache (BUILDBOT_LS_JAVA25, which scripts/test.sh sets)', async () => {
  const home = process.env.BUILDBOT_LS_JAVA25 ? path.dirname(path.dirname(process.env.BUILDBOT_LS_JAVA25)) : undefined;
  assert.ok(home, 'BUILDBOT_LS_JAVA25 names a Java 25+ (scripts/java25.sh finds one)');
  const java = findJava(home, probe);
  assert.ok(java.ok && java.version >= 25, JSON.stringify(java));
  await withAndWithoutCache(java.java, java.version, 'aot', '-XX:AOTCache=');
});

/** The first start runs without a cache and trains one beside it, as the extension does; the next maps it. */
async function withAndWithoutCache(java: string, version: number, extension: string, flag: string): Promise<void> {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'buildbot-ls-storage-'));
  fs.writeFileSync(path.join(storage, 'buildbot-ls-0000.jsa'), 'an archive of an older version');
  fs.writeFileSync(path.join(storage, 'buildbot-ls-0001.aot'), 'a cache of an older version');
  const dead = path.join(storage, 'buildbot-ls-0002.aot.tmp-1-1');
  fs.writeFileSync(dead, 'what a training that died an hour ago wrote');
  fs.utimesSync(dead, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
  const running = 'buildbot-ls-0003.jsa.tmp-2-2';
  fs.writeFileSync(path.join(storage, running), 'what a training in another window is writing');
  try {
    const first = serverCommand(java, version, extensionPath, storage);
    assert.ok(fs.existsSync(first.args[first.args.length - 1]), 'the jar is packaged into server/ (npm run package)');
    assert.ok(first.training, 'the first start trains a cache');
    assert.ok(!first.args.some((a) => a.startsWith(flag)), first.args.join(' '));
    assert.deepEqual(fs.readdirSync(storage), [running], 'the old caches and a dead training\'s leftovers are removed');
    const [trained] = await Promise.all([runTraining(first.training), session(first)]);
    assert.ok(trained, `the training made ${first.training.cache}`);
    const caches = fs.readdirSync(storage).filter((f) => f !== running);
    assert.deepEqual(caches, [path.basename(first.training.cache)], 'one cache, nothing half-written left');
    assert.ok(caches[0].endsWith(`.${extension}`), caches[0]);
    const second = serverCommand(java, version, extensionPath, storage);
    assert.equal(second.training, undefined);
    assert.ok(second.args.includes(`${flag}${path.join(storage, caches[0])}`), second.args.join(' '));
    await session({ ...second, args: [...second.args.slice(0, -2), '-Xlog:class+load=info:stderr', ...second.args.slice(-2)] }, true);
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

/** One editor session; with `fromCache`, the server's classes must come from the start-up cache (logged with -Xlog:class+load). */
async function session(launch: { command: string; args: string[] }, fromCache = false): Promise<void> {
  const server = cp.spawn(launch.command, launch.args, { stdio: ['pipe', 'pipe', fromCache ? 'pipe' : 'inherit'] }) as cp.ChildProcessWithoutNullStreams;
  let stderr = '';
  server.stderr?.on('data', (d) => { stderr += d; });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const published = new Promise<any>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: any) => {
      if (params.version === 1) {
        resolve(params);
      }
    });
  });
  connection.onRequest('workspace/configuration', () => [null]);
  connection.listen();
  try {
    const init: any = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { severity: { 'plaintext-password': 'off', 'multimaster-mq': 'warning' } },
    });
    assert.equal(init.serverInfo.name, 'buildbot-ls');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///farm/values.yaml', languageId: 'yaml', version: 1,
        text: 'master:\n  replcas: 3\ndatabase:\n  password: hunter2\nmq:\n  type: simple\n' },
    });
    const params = await published;
    assert.deepEqual(params.diagnostics.map((d: any) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.severity}`),
      ['schema/additionalProperties 1:2 1', 'multimaster-mq 5:8 2']);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await new Promise((resolve) => server.on('exit', resolve));
    assert.equal(code, 0);
    if (fromCache) {
      assert.match(stderr, /dev\.buildbotls\.cli\.Cli source: shared objects file/, 'the server\'s classes come from the cache');
    }
  } finally {
    connection.dispose();
    server.kill();
  }
}
