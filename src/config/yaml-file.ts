import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from '../errors/config-error.js';

/**
 * Reads and parses an admin YAML file (the playbook, the mapping). An unreadable file is a
 * {@link ConfigError} under `setting` (the variable that names it); invalid YAML names its line.
 */
export function readYamlFile(path: string, setting: string, what: string, hint = ''): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ key: setting, problem: `cannot read the ${what} file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})${hint}` }]);
  }
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new ConfigError([{ key: '(file)', problem: `${path} is not valid YAML${where}` }]);
  }
}
