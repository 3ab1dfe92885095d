import { strict as assert } from 'assert';
import { test } from 'node:test';
import { documentSelector, serverSettings, SettingReader } from '../src/settings';

function reader(values: Record<string, unknown>): SettingReader {
  return <T>(key: string, fallback: T) => (key in values ? (values[key] as T) : fallback);
}

test('settings pass through to the server', () => {
  assert.deepEqual(serverSettings(reader({ severity: { 'plaintext-password': 'off' }, valuesFiles: ['**/farm.yaml'], chartDirectory: '/charts/bb', showSecretsInPreview: true }), false, true), {
    severity: { 'plaintext-password': 'off' },
    valuesFiles: ['**/farm.yaml'],
    chartDirectory: '/charts/bb',
    trustedWorkspace: true,
    showSecretsInPreview: true,
    valuesStacks: [],
  });
  assert.deepEqual(serverSettings(reader({}), false, true), {
    severity: {}, valuesFiles: [], chartDirectory: '', trustedWorkspace: true, showSecretsInPreview: false, valuesStacks: [],
  });
  assert.deepEqual(serverSettings(reader({ valuesStacks: [['env/base.yaml', 'env/prod.yaml']] }), false, true).valuesStacks,
    [['env/base.yaml', 'env/prod.yaml']]);
});

test('an untrusted workspace renders no chart of its own', () => {
  const untrusted = serverSettings(reader({ chartDirectory: '/charts/bb' }), false, false);
  assert.equal(untrusted.chartDirectory, '');
  assert.equal(untrusted.trustedWorkspace, false);
});

test("with Red Hat's YAML extension, YAML syntax errors are left to it", () => {
  assert.deepEqual(serverSettings(reader({}), true, true).severity, { 'yaml-syntax': 'off' });
  assert.deepEqual(serverSettings(reader({ severity: { 'yaml-syntax': 'error' } }), true, true).severity, { 'yaml-syntax': 'error' });
});

test('values files and the user patterns are selected', () => {
  assert.deepEqual(documentSelector(['**/deploy/*.yaml']).map((s) => s.pattern), ['**/values*.yaml', '**/values*.yml', '**/deploy/*.yaml']);
  assert.ok(documentSelector([]).every((s) => s.language === 'yaml'));
  assert.deepEqual(documentSelector([], [['./env/base.yaml', '/srv/prod.yaml']]).map((s) => s.pattern).slice(2), ['**/env/base.yaml', '/srv/prod.yaml']);
});
