import * as cp from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { findJava } from './java';
import { runTraining, serverCommand } from './launch';
import { documentSelector, serverSettings } from './settings';

/** The one name the extension, its output channel and its messages use. */
const NAME = 'buildbot-ls';
let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
/** The class-data archive the running server writes when it exits (its first start), if any. */
/** The start-up cache's training, while one runs beside the server (see launch.ts). */
let training: Promise<boolean> | undefined;
let trainingFor: string | undefined;
const output = vscode.window.createOutputChannel(NAME);

function settings() {
  const config = vscode.workspace.getConfiguration('buildbot');
  return serverSettings((key, fallback) => config.get(key, fallback), vscode.extensions.getExtension('redhat.vscode-yaml') !== undefined,
    vscode.workspace.isTrusted);
}

/** Pushes the effective settings (trust and Red Hat YAML applied), never the raw section. */
function pushSettings(): void {
  void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: { buildbot: settings() } });
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const javaHome = vscode.workspace.getConfiguration('buildbot').get<string>('java.home', '');
  const java = findJava(javaHome, {
    env: process.env,
    platform: process.platform,
    isFile: (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
    versionOutput: (file) => {
      const result = cp.spawnSync(file, ['-version'], { encoding: 'utf8', timeout: 10000 });
      return result.error ? undefined : `${result.stderr}${result.stdout}`;
    },
  });
  if (!java.ok) {
    const choice = await vscode.window.showErrorMessage(java.message, 'Open Settings');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'buildbot.java.home');
    }
    return;
  }
  output.appendLine(`Using Java ${java.version} from ${java.source}: ${java.java}`);
  const server = serverCommand(java.java, java.version, context.extensionPath, context.globalStorageUri.fsPath);
  const serverOptions: ServerOptions = { command: server.command, args: server.args };
  if (server.training && trainingFor !== server.training.cache) { // (one training per cache, however often the server starts)
    output.appendLine(`Making the start-up cache for later starts: ${server.training.cache}`);
    trainingFor = server.training.cache;
    training = runTraining(server.training);
  }
  const initial = settings();
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(initial.valuesFiles, initial.valuesStacks),
    initializationOptions: initial,
    outputChannel: output,
    middleware: {
      workspace: {
        // The server asks for section "buildbot": answer with the effective settings (Red Hat YAML aware).
        configuration: (params, token, next) => params.items.map((item) => (item.section === 'buildbot' ? settings() : null)),
      },
    },
  };
  client = new LanguageClient('buildbot', NAME, serverOptions, clientOptions);
  await client.start();
}

/** Whether a document is one the server checks: Java starts for values files only, not for any YAML. */
function isValuesDocument(document: vscode.TextDocument): boolean {
  const current = settings();
  return vscode.languages.match(documentSelector(current.valuesFiles, current.valuesStacks), document) > 0;
}

/** Starts the server once, when the first values file is open. */
function startForValuesFiles(context: vscode.ExtensionContext): void {
  if (!client && !starting && vscode.workspace.textDocuments.some(isValuesDocument)) {
    starting = start(context).finally(() => {
      starting = undefined;
    });
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('buildbot.render', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) {
        vscode.window.showWarningMessage('Open a values file to render the chart.');
        return;
      }
      try {
        await client.sendRequest(ExecuteCommandRequest.type, { command: 'buildbot.renderChart', arguments: [editor.document.uri.toString()] });
      } catch (e) {
        // The server has shown Helm's refusal as a notification and placed it on the values: no modal dialog on top.
        output.appendLine(`Render: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
    vscode.commands.registerCommand('buildbot.restartServer', async () => {
      // A new command line: the start-up cache the first start trained is used from now on.
      const running = client;
      client = undefined;
      await running?.stop();
      await training; // (a few seconds at most, once)
      await start(context);
    }),
    vscode.commands.registerCommand('buildbot.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('buildbot')) {
        pushSettings();
        startForValuesFiles(context);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(pushSettings),
    vscode.workspace.onDidOpenTextDocument(() => startForValuesFiles(context)),
  );
  startForValuesFiles(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
