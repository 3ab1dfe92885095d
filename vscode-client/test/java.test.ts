import { strict as assert } from 'assert';
import { test } from 'node:test';
import { findJava, JavaProbe, parseJavaVersion } from '../src/java';

function probe(files: Record<string, string | undefined>, env: NodeJS.ProcessEnv): JavaProbe {
  return { env, platform: 'linux', isFile: (f) => f in files, versionOutput: (f) => files[f] };
}

const JAVA_17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment';
const JAVA_11 = 'openjdk version "11.0.22" 2024-01-16';
const JAVA_8 = 'java version "1.8.0_392"';

test('versions old and new', () => {
  assert.equal(parseJavaVersion(JAVA_17), 17);
  assert.equal(parseJavaVersion(JAVA_8), 8);
  assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaVersion('no version here'), undefined);
});

test('the setting comes first, then JAVA_HOME, then the PATH', () => {
  const files = { '/opt/jdk21/bin/java': 'openjdk version "21.0.1"', '/jh/bin/java': JAVA_17, '/usr/bin/java': JAVA_17 };
  assert.deepEqual(findJava('/opt/jdk21', probe(files, { JAVA_HOME: '/jh', PATH: '/usr/bin' })),
    { ok: true, java: '/opt/jdk21/bin/java', version: 21, source: 'the buildbot.java.home setting' });
  assert.deepEqual(findJava('', probe(files, { JAVA_HOME: '/jh', PATH: '/usr/bin' })),
    { ok: true, java: '/jh/bin/java', version: 17, source: 'JAVA_HOME' });
  assert.deepEqual(findJava(undefined, probe(files, { PATH: '/nothing:/usr/bin' })),
    { ok: true, java: '/usr/bin/java', version: 17, source: 'the PATH' });
});

test('a too old Java is skipped for a newer one on the PATH', () => {
  const files = { '/jh/bin/java': JAVA_11, '/usr/bin/java': JAVA_17 };
  const result = findJava('', probe(files, { JAVA_HOME: '/jh', PATH: '/usr/bin' }));
  assert.equal(result.ok && result.java, '/usr/bin/java');
});

test('a configured Java that is too old is reported, not replaced', () => {
  const files = { '/old/bin/java': JAVA_8, '/usr/bin/java': JAVA_17 };
  assert.deepEqual(findJava('/old', probe(files, { PATH: '/usr/bin' })), {
    ok: false,
    message: 'buildbot-ls needs Java 17 or later: /old/bin/java (from the buildbot.java.home setting) is Java 8; Java 17 or later is needed.',
  });
});

test('a configured Java that does not exist is reported, not replaced', () => {
  const files = { '/usr/bin/java': JAVA_17 };
  assert.deepEqual(findJava('/nowhere', probe(files, { PATH: '/usr/bin' })), {
    ok: false,
    message: 'buildbot-ls needs Java 17 or later: the buildbot.java.home setting points to /nowhere/bin/java, which does not exist.',
  });
});

test('no Java at all says where it looked', () => {
  assert.deepEqual(findJava('', probe({}, { PATH: '/usr/bin' })), {
    ok: false,
    message: 'buildbot-ls needs Java 17 or later: no java found in the buildbot.java.home setting, JAVA_HOME or the PATH.',
  });
  const missing = findJava('/gone', probe({}, { PATH: '' }));
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.message : '', /the buildbot.java.home setting points to \/gone\/bin\/java, which does not exist/);
});
