// Starts the packaged server jar exactly as the extension's launch options say, and talks to it
// over vscode-jsonrpc, as vscode-languageclient does.
import { strict as assert } from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { findJava } from '../src/java';
import { serverCommand } from '../src/launch';

const extensionPath = path.resolve(__dirname, '..', '..');

test('the packaged server publishes diagnostics and honours initializationOptions', async () => {
  const java = findJava(undefined, {
    env: process.env,
    platform: process.platform,
    isFile: (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
    versionOutput: (f) => cp.spawnSync(f, ['-version'], { encoding: 'utf8' }).stderr,
  });
  assert.ok(java.ok, 'a Java 17+ for the test');
  const launch = serverCommand(java.ok ? java.java : '', extensionPath);
  assert.ok(fs.existsSync(launch.args[launch.args.length - 1]), 'the jar is packaged into server/ (npm run package)');
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
});
