// Finding a Java 17+ runtime: the `buildbot.java.home` setting, then JAVA_HOME, then `java` on the
// PATH. No VS Code import, so the logic is unit tested under Node's test runner.
import * as path from 'path';

export const MINIMUM_JAVA = 17;

/** What the search needs from the machine, injectable in tests. */
export interface JavaProbe {
  env: NodeJS.ProcessEnv;
  isFile(file: string): boolean;
  /** The output of `<java> -version` (Java prints it on stderr), or undefined when it cannot run. */
  versionOutput(java: string): string | undefined;
  platform: NodeJS.Platform;
}

export type JavaResult =
  | { ok: true; java: string; version: number; source: string }
  | { ok: false; message: string };

/** The major version in `java -version` output: `openjdk version "17.0.15"`, `java version "1.8.0_392"`. */
export function parseJavaVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) {
    return undefined;
  }
  const major = Number(match[1]);
  return major === 1 && match[2] ? Number(match[2]) : major;
}

export function findJava(configuredHome: string | undefined, probe: JavaProbe): JavaResult {
  const executable = probe.platform === 'win32' ? 'java.exe' : 'java';
  const candidates: { java: string; source: string }[] = [];
  if (configuredHome) {
    candidates.push({ java: path.join(configuredHome, 'bin', executable), source: 'the buildbot.java.home setting' });
  }
  if (probe.env.JAVA_HOME) {
    candidates.push({ java: path.join(probe.env.JAVA_HOME, 'bin', executable), source: 'JAVA_HOME' });
  }
  for (const dir of (probe.env.PATH ?? '').split(path.delimiter).filter((d) => d)) {
    candidates.push({ java: path.join(dir, executable), source: 'the PATH' });
  }
  const problems: string[] = [];
  for (const candidate of candidates) {
    if (!probe.isFile(candidate.java)) {
      if (candidate.source !== 'the PATH') {
        problems.push(`${candidate.source} points to ${candidate.java}, which does not exist`);
      }
      if (candidate.source === 'the buildbot.java.home setting') {
        break; // a wrong setting is reported, never silently replaced by the Java on the PATH
      }
      continue;
    }
    const version = parseJavaVersion(probe.versionOutput(candidate.java) ?? '');
    if (version === undefined) {
      problems.push(`${candidate.java} (from ${candidate.source}) did not report its version`);
    } else if (version < MINIMUM_JAVA) {
      problems.push(`${candidate.java} (from ${candidate.source}) is Java ${version}; Java ${MINIMUM_JAVA} or later is needed`);
    } else {
      return { ok: true, java: candidate.java, version, source: candidate.source };
    }
    if (candidate.source === 'the buildbot.java.home setting') {
      break; // an explicit choice is not silently replaced by another Java
    }
  }
  const detail = problems.length > 0 ? problems.join('; ') : `no java found in the buildbot.java.home setting, JAVA_HOME or the PATH`;
  return { ok: false, message: `buildbot-ls needs Java ${MINIMUM_JAVA} or later: ${detail}.` };
}
