// How the server process is started. Shared by the extension and the test that launches the
// packaged jar exactly as the extension does.
import * as cp from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export interface ServerCommand {
  command: string;
  args: string[];
}

/** The run that makes the start-up cache: `command` writes `written`, which becomes `cache` when it succeeds. */
export interface Training extends ServerCommand {
  written: string;
  cache: string;
}

/** The server's command, and the training to run beside it when there is no start-up cache yet. */
export interface ServerLaunch extends ServerCommand {
  training?: Training;
}

/** A small starting heap and the serial collector (see serverCommand); the training runs with the same. */
const MEMORY = ['-Xms64m', '-Xmx1g', '-XX:+UseSerialGC'];
/**
 * The just-in-time compiler, as the launcher (scripts/buildbot-ls) sets it (README "Performance"): C2
 * takes a method at 5x its usual counts, and on Java 25 the AOT cache's recorded compilations are not
 * replayed at start (a later Java without that diagnostic option still starts: unknown options are
 * ignored there). On two cores either takes a core from the first diagnostics; keystrokes in a file
 * of 100,000 lines are as fast. LaunchFlagsTest holds the three places that start the server equal.
 */
const JIT = ['-XX:Tier4InvocationThreshold=25000', '-XX:Tier4MinInvocationThreshold=3000', '-XX:Tier4CompileThreshold=75000', '-XX:Tier4BackEdgeThreshold=200000'];
const JIT_AOT = ['-XX:+IgnoreUnrecognizedVMOptions', '-XX:+UnlockDiagnosticVMOptions', '-XX:-AOTReplayTraining'];
/** The JVM's own messages go to stderr (the client's log): stdout belongs to the protocol. */
const QUIET = ['-XX:+DisplayVMOutputToStderr', '-Xlog:disable'];

/**
 * A small starting heap and the serial collector: the incremental analysis allocates little per
 * keystroke, so this keeps resident memory below yaml-language-server's at every size the
 * benchmark measures (bench/, README "Performance") with keystrokes as fast as G1 gave them. Then
 * the compiler's settings (JIT), the start-up cache when the extension has a storage directory, and
 * the jar shipped in `server/` (last).
 */
export function serverCommand(java: string, javaVersion: number, extensionPath: string, storagePath?: string): ServerLaunch {
  const jar = path.join(extensionPath, 'server', 'buildbot-ls.jar');
  const cache = startupCache(java, javaVersion, jar, storagePath);
  const jit = javaVersion >= 25 ? [...JIT, ...JIT_AOT] : JIT;
  return { command: java, args: [...MEMORY, ...jit, ...cache.args, '-jar', jar], training: cache.training };
}

/**
 * What the server's start maps instead of loading, kept in the extension's storage: on Java 25 and
 * later an AOT cache (classes loaded and linked, method profiles), on 17-24 a class-data sharing
 * archive (classes loaded). There is none at first: the first start trains one beside itself
 * (dev.buildbotls.TrainingRun, as the launcher does) and goes on without it; later starts map it,
 * which halves the start-up or better. Its name says what it is valid for (this Java, this jar): a
 * new Java or a new version of the extension makes a new one, and the old ones are removed.
 */
export function startupCache(java: string, javaVersion: number, jar: string, storagePath?: string): { args: string[]; training?: Training } {
  const logs = [...QUIET, '-Xlog:all=warning:stderr'];
  if (!storagePath || !fs.existsSync(jar)) {
    return { args: logs };
  }
  const realJava = fs.realpathSync(java);
  const key = crypto.createHash('sha256')
    .update([realJava, fs.statSync(realJava).mtimeMs, jar, fs.statSync(jar).mtimeMs, fs.statSync(jar).size].join('\n'))
    .digest('hex').slice(0, 16);
  const aot = javaVersion >= 25;
  const cache = path.join(storagePath, `buildbot-ls-${key}.${aot ? 'aot' : 'jsa'}`);
  if (fs.existsSync(cache)) {
    return { args: [`${aot ? '-XX:AOTCache=' : '-XX:SharedArchiveFile='}${cache}`, ...logs] };
  }
  fs.mkdirSync(storagePath, { recursive: true });
  // Caches of other jars or Javas go; so do trainings' leftovers once no training can still be writing them.
  const now = Date.now();
  for (const old of fs.readdirSync(storagePath)) {
    const file = path.join(storagePath, old);
    if (/^buildbot-ls-.*\.(jsa|aot)$/.test(old)
      || (/^buildbot-ls-.*\.tmp-\d+/.test(old) && now - fs.statSync(file).mtimeMs > 10 * 60 * 1000)) {
      fs.rmSync(file, { force: true });
    }
  }
  const written = `${cache}.tmp-${process.pid}-${now}`;
  // (making one warns of every class it skips: errors only then)
  const make = `${aot ? '-XX:AOTCacheOutput=' : '-XX:ArchiveClassesAtExit='}${written}`;
  return {
    args: logs,
    training: { command: java, args: [...MEMORY, make, ...QUIET, '-Xlog:all=error:stderr', '-cp', jar, 'dev.buildbotls.TrainingRun'], written, cache },
  };
}

/** Runs a training off the protocol's streams; the cache appears, whole, when it succeeds. Resolves to whether it did. */
export function runTraining(training: Training): Promise<boolean> {
  return new Promise((resolve) => {
    const child = cp.spawn(training.command, training.args, { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      try {
        fs.renameSync(training.written, training.cache); // (throws when there is nothing written)
        resolve(code === 0);
      } catch {
        resolve(false);
      } finally {
        fs.rmSync(training.written, { force: true });
        fs.rmSync(`${training.written}.config`, { force: true }); // (the AOT cache's recording, when the JVM could not remove it)
      }
    });
  });
}
