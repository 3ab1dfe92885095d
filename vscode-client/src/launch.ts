// How the server process is started. Shared by the extension and the test that launches the
// packaged jar exactly as the extension does.
import * as path from 'path';

export interface ServerCommand {
  command: string;
  args: string[];
}

/** Bounded heap, a small collector, and the jar shipped in the extension's `server/` folder. */
export function serverCommand(java: string, extensionPath: string): ServerCommand {
  return {
    command: java,
    args: ['-Xms16m', '-Xmx512m', '-XX:+UseSerialGC', '-Xshare:auto', '-jar', path.join(extensionPath, 'server', 'buildbot-ls.jar')],
  };
}
