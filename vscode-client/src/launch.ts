// How the server process is started. Shared by the extension and the test that launches the
// packaged jar exactly as the extension does.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * A small starting heap and the serial collector: the incremental analysis allocates little per
 * keystroke, so this keeps resident memory below yaml-language-server's at every size the
 * benchmark measures (bench/, README "Performance") with keystrokes as fast as G1 gave them. Then
 * class-data sharing when the extension has a storage directory, and the jar shipped in `server/` (last).
 */
export function serverCommand(java: string, extensionPath: string, storagePath?: string): ServerCommand {
  const jar = path.join(extensionPath, 'server', 'buildbot-ls.jar');
  return {
    command: java,
    args: ['-Xms64m', '-Xmx1g', '-XX:+UseSerialGC', ...classDataSharing(java, jar, storagePath), '-jar', jar],
  };
}

/**
 * The first start records the classes the server loads into an archive in the extension's storage
 * (written when the server exits); later starts map them instead of loading them, which halves the
 * start-up. The archive's name says what it is valid for (this Java, this jar): a new Java or a new
 * version of the extension makes a new one, and the old ones are removed. JVM warnings (an archive
 * it cannot use) go to stderr: stdout belongs to the protocol.
 */
export function classDataSharing(java: string, jar: string, storagePath?: string): string[] {
  const logs = ['-Xlog:disable', '-Xlog:all=warning:stderr'];
  if (!storagePath || !fs.existsSync(jar)) {
    return logs;
  }
  const realJava = fs.realpathSync(java);
  const key = crypto.createHash('sha256')
    .update([realJava, fs.statSync(realJava).mtimeMs, jar, fs.statSync(jar).mtimeMs, fs.statSync(jar).size].join('\n'))
    .digest('hex').slice(0, 16);
  const archive = path.join(storagePath, `buildbot-ls-${key}.jsa`);
  if (fs.existsSync(archive)) {
    return [`-XX:SharedArchiveFile=${archive}`, ...logs];
  }
  fs.mkdirSync(storagePath, { recursive: true });
  for (const old of fs.readdirSync(storagePath).filter((f) => /^buildbot-ls-.*\.jsa$/.test(f))) {
    fs.rmSync(path.join(storagePath, old), { force: true });
  }
  // (dumping warns of every class it skips: errors only then)
  return [`-XX:ArchiveClassesAtExit=${archive}`, '-Xlog:disable', '-Xlog:all=error:stderr'];
}
