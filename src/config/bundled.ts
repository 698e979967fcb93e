import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/config-error.js';

/**
 * A file or folder shipped under dealrisk's `config/` (the playbook, the mapping, the Salesforce
 * source), found upward from this module so it works from both src/ and dist/src/.
 */
export function bundledPath(relative: string, key: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const candidate = join(dir, 'config', relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new ConfigError([{ key, problem: `the bundled config/${relative} was not found` }]);
}

/** config/salesforce: the SFDX project admins deploy, and the source the local org is built from. */
export function bundledSalesforceSourceDir(): string {
  return bundledPath('salesforce', 'config/salesforce');
}
