import { ConfigError } from '../errors/config-error.js';
import { bundledPath } from './bundled.js';
import { readYamlFile } from './yaml-file.js';
import { playbookSchema, type Playbook } from '../scoring/playbook.js';

/**
 * Validates already-parsed playbook data. Throws {@link ConfigError} with one problem per bad
 * key, each named by its path in the file (e.g. `signals.LOSING_PATTERN.points`).
 */
export function parsePlaybook(data: unknown, source = 'playbook'): Playbook {
  const result = playbookSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        key: issue.path.length > 0 ? issue.path.join('.') : '(root)',
        problem: `${issue.message} (in ${source})`,
      })),
    );
  }
  return result.data;
}

/** Reads, parses and validates a playbook YAML file. Throws {@link ConfigError} when it is missing or invalid. */
export function loadPlaybookFile(path: string): Playbook {
  return parsePlaybook(readYamlFile(path, 'DEALRISK_PLAYBOOK', 'playbook'), path);
}

/** The playbook shipped with dealrisk (`config/playbook.yaml`), found from this module in both src/ and dist/src/. */
export function bundledPlaybookPath(): string {
  return bundledPath('playbook.yaml', 'DEALRISK_PLAYBOOK');
}

let cachedDefault: Playbook | undefined;

/** The default playbook, parsed from the bundled `config/playbook.yaml` (read once; each call returns a fresh copy to tweak). */
export function defaultPlaybook(): Playbook {
  cachedDefault ??= loadPlaybookFile(bundledPlaybookPath());
  return structuredClone(cachedDefault);
}
