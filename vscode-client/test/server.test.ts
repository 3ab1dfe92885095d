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
import { serverCommand } from '../src/launch';

const extensionPath = path.resolve(__dirname, '..', '..');

test('the packaged server publishes diagnostics and honours initializationOptions, with and without its class-data archive', async () => {
  const java = findJava(undefined, {
    env: process.env,
    platform: process.platform,
    isFile: (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
    versionOutput: (f) => cp.spawnSync(f, ['-version'], { encoding: 'utf8' }).stderr,
  });
  assert.ok(java.ok, 'a Java 17+ for the test');
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'buildbot-ls-storage-'));
  fs.writeFileSync(path.join(storage, 'buildbot-ls-0000.jsa'), 'an archive of an older version');
  try {
    const first = serverCommand(java.ok ? java.java : '', extensionPath, storage);
    assert.ok(fs.existsSync(first.args[first.args.length - 1]), 'the jar is packaged into server/ (npm run package)');
    assert.ok(first.args.some((a) => a.startsWith('-XX:ArchiveClassesAtExit=')), first.args.join(' '));
    assert.deepEqual(fs.readdirSync(storage), [], 'the old archive is removed');
    await session(first);
    const archives = fs.readdirSync(storage);
    assert.equal(archives.length, 1, 'the first run leaves its archive');
    const second = serverCommand(java.ok ? java.java : '', extensionPath, storage);
    assert.ok(second.args.includes(`-XX:SharedArchiveFile=${path.join(storage, archives[0])}`), second.args.join(' '));
    await session(second);
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
});

async function session(launch: { command: string; args: string[] }): Promise<void> {
  const server = cp.spawn(launch.command, launch.args, { stdio: ['pipe', 'pipe', 'inherit'] });
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
  } finally {
    connection.dispose();
    server.kill();
  }
}
