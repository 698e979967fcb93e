import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bundledPath } from '../config/bundled.js';
import { readYamlFile } from '../config/yaml-file.js';
import { ConfigError } from '../errors/config-error.js';
import { mappingSchema, type Mapping } from './mapping-schema.js';

/** `a.b[2].c` → `a.b.2.c`: the path of a key in the file, as the playbook's errors name them. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(root)';
}

/**
 * Validates already-parsed mapping data. Throws {@link ConfigError} with every problem at its path
 * in the file (`outputs.score: 'Deal Risk' is not a Salesforce API name …`).
 */
export function parseMapping(data: unknown, source = 'mapping'): Mapping {
  const result = mappingSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
        return { key: pathOf(issue.path), problem: `${issue.message}${unknownKeys} (in ${source})` };
      }),
    );
  }
  return result.data;
}

/** Reads, parses and validates a mapping YAML file; a missing or malformed file is a {@link ConfigError}. */
export function loadMappingFile(path: string): Mapping {
  return parseMapping(readYamlFile(path, 'DEALRISK_MAPPING', 'mapping', "; 'dealrisk mapping init' writes the default"), path);
}

/** The documented default mapping shipped with dealrisk (config/mapping.yaml). */
export function bundledMappingPath(): string {
  return bundledPath('mapping.yaml', 'DEALRISK_MAPPING');
}

/** The default mapping, parsed from the bundled file (a fresh copy each call). */
export function defaultMapping(): Mapping {
  return loadMappingFile(bundledMappingPath());
}

/** Writes the documented default to `path`; refuses to overwrite an existing file unless `force`. Returns false when it refused. */
export function writeDefaultMapping(path: string, force: boolean): boolean {
  if (existsSync(path) && !force) return false;
  writeFileSync(path, readFileSync(bundledMappingPath(), 'utf8'));
  return true;
}
