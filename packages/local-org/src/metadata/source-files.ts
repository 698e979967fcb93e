/**
 * Finds the metadata files of an SFDX source directory: either a project (a folder with
 * sfdx-project.json, whose packageDirectories are read) or any folder of source files.
 * https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_ws_config.htm
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SetupError } from '../errors/setup-error.js';

/** One source file the local org understands, with the object it belongs to (for fields and list views). */
export interface SourceFile {
  kind: 'object' | 'field' | 'listView' | 'permissionSet';
  path: string;
  /** The object folder's name (objects/<Object>/…); undefined for permission sets. */
  objectName?: string;
  /** The component's API name, from the file name. */
  name: string;
}

const SUFFIXES: readonly [SourceFile['kind'], string][] = [
  ['field', '.field-meta.xml'],
  ['listView', '.listView-meta.xml'],
  ['object', '.object-meta.xml'],
  ['permissionSet', '.permissionset-meta.xml'],
];

/** The package directories of a project folder, or the folder itself. */
function packageDirectories(dir: string): string[] {
  const project = join(dir, 'sfdx-project.json');
  if (!existsSync(project)) return [dir];
  let config: { packageDirectories?: { path?: unknown }[] };
  try {
    config = JSON.parse(readFileSync(project, 'utf8')) as typeof config;
  } catch (error) {
    throw new SetupError([{ key: project, problem: `not valid JSON (${(error as Error).message})` }]);
  }
  const paths = (config.packageDirectories ?? []).map((entry) => entry.path);
  if (paths.length === 0 || paths.some((path) => typeof path !== 'string' || path === '')) {
    throw new SetupError([{ key: project, problem: 'expected "packageDirectories": [{"path": "force-app", …}, …]' }]);
  }
  return (paths as string[]).map((path) => resolve(dir, path));
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/** Every metadata file the local org reads under the given source directories, in a stable order. */
export function findSourceFiles(dirs: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SetupError([{ key: dir, problem: 'not a source directory' }]);
    for (const packageDir of packageDirectories(dir)) {
      if (!existsSync(packageDir)) throw new SetupError([{ key: packageDir, problem: 'package directory named in sfdx-project.json does not exist' }]);
      const paths: string[] = [];
      walk(packageDir, paths);
      for (const path of paths.sort()) {
        const match = SUFFIXES.find(([, suffix]) => path.endsWith(suffix));
        if (!match) continue;
        const [kind, suffix] = match;
        const name = basename(path).slice(0, -suffix.length);
        if (kind === 'permissionSet') files.push({ kind, path, name });
        // objects/<Object>/<Object>.object-meta.xml, objects/<Object>/fields/<F>.field-meta.xml, …/listViews/<L>.listView-meta.xml
        else if (kind === 'object') files.push({ kind, path, name, objectName: name });
        else files.push({ kind, path, name, objectName: basename(dirname(dirname(path))) });
      }
    }
  }
  return files;
}
