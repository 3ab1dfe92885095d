// How the server process is started. Shared by the extension and the test that launches the
// packaged jar exactly as the extension does.
import * as path from 'path';

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * Bounded heap with room for a large file's analysis (a small young generation made keystrokes on
 * 20,000-line files wait on the collector; see bench/), and the jar shipped in `server/`.
 */
export function serverCommand(java: string, extensionPath: string): ServerCommand {
  return {
    command: java,
    args: ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Xshare:auto', '-jar', path.join(extensionPath, 'server', 'buildbot-ls.jar')],
  };
}
