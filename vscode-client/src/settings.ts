// The settings the server honours, as sent in initializationOptions and answered to
// workspace/configuration (section "buildbot"). No VS Code import: unit tested under Node.

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ServerSettings {
  severity: Record<string, Severity>;
  valuesFiles: string[];
  chartDirectory: string;
  trustedWorkspace: boolean;
  showSecretsInPreview: boolean;
  valuesStacks: string[][];
}

/** Reads one setting of the "buildbot" section. */
export type SettingReader = <T>(key: string, fallback: T) => T;

/**
 * The settings for the server. With Red Hat's YAML extension installed, it reports YAML syntax
 * errors itself: `yaml-syntax` is off unless the user set its severity, so no problem shows twice.
 * In a workspace the user has not trusted, the server renders the bundled chart only.
 */
export function serverSettings(read: SettingReader, redHatYamlInstalled: boolean, trusted: boolean): ServerSettings {
  const severity = { ...read<Record<string, Severity>>('severity', {}) };
  if (redHatYamlInstalled && severity['yaml-syntax'] === undefined) {
    severity['yaml-syntax'] = 'off';
  }
  return {
    severity,
    valuesFiles: read<string[]>('valuesFiles', []),
    chartDirectory: trusted ? read<string>('chartDirectory', '') : '',
    trustedWorkspace: trusted,
    showSecretsInPreview: read<boolean>('showSecretsInPreview', false),
    valuesStacks: read<string[][]>('valuesStacks', []),
  };
}

/** The document selector: values*.yaml everywhere, plus the user's patterns and the files of their stacks. */
export function documentSelector(valuesFiles: string[], valuesStacks: string[][] = []): { language: string; pattern: string }[] {
  const stacked = valuesStacks.flat().map((file) => (file.startsWith('/') ? file : `**/${file.replace(/^\.\//, '')}`));
  return ['**/values*.yaml', '**/values*.yml', ...valuesFiles, ...stacked].map((pattern) => ({ language: 'yaml', pattern }));
}
