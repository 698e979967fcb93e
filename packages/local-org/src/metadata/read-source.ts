/**
 * Reads SFDX source (a project folder or any folder of source files) into what the local org
 * builds from it: objects and their custom fields, permission sets and list views.
 */
import { readFileSync } from 'node:fs';
import { SetupError } from '../errors/setup-error.js';
import { readCustomField, type SourceField, type StandardFieldSettings } from './custom-field.js';
import { readCustomObject, type SourceObject } from './custom-object.js';
import { readListView, type SourceListView } from './list-view.js';
import { readPermissionSet, type SourcePermissionSet } from './permission-set.js';
import { findSourceFiles } from './source-files.js';
import { parseMetadataXml } from './xml.js';

/** Everything the local org reads from source directories. */
export interface SourceMetadata {
  /** Object files (custom objects, and standard objects' settings). */
  objects: SourceObject[];
  /** Custom fields, on standard or custom objects ('Activity' fields stay under Activity). */
  fields: SourceField[];
  /** Help text and history tracking for standard fields. */
  standardFields: StandardFieldSettings[];
  permissionSets: SourcePermissionSet[];
  listViews: SourceListView[];
}

const ROOTS = { object: 'CustomObject', field: 'CustomField', listView: 'ListView', permissionSet: 'PermissionSet' } as const;

/** An empty source: the standard objects only. */
export function emptySource(): SourceMetadata {
  return { objects: [], fields: [], standardFields: [], permissionSets: [], listViews: [] };
}

/**
 * Reads every object, field, list view and permission set file under `dirs`. Anything malformed
 * (not XML, wrong root, missing or bad element, a component defined twice) is a SetupError
 * naming the file.
 */
export function readSourceMetadata(dirs: readonly string[]): SourceMetadata {
  const source = emptySource();
  const seen = new Map<string, string>();
  for (const file of findSourceFiles(dirs)) {
    const key = `${file.kind}:${file.objectName ?? ''}.${file.name}`.toLowerCase();
    const earlier = seen.get(key);
    if (earlier) throw new SetupError([{ key: file.path, problem: `defines ${file.objectName ? `${file.objectName}.` : ''}${file.name} again (first in ${earlier})` }]);
    seen.set(key, file.path);
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      throw new SetupError([{ key: file.path, problem: `cannot read (${(error as Error).message})` }]);
    }
    const root = parseMetadataXml(text, ROOTS[file.kind], file.path);
    if (file.kind === 'object') source.objects.push(readCustomObject(root, file.name, file.path));
    else if (file.kind === 'permissionSet') source.permissionSets.push(readPermissionSet(root, file.name, file.path));
    else if (file.kind === 'listView') source.listViews.push(readListView(root, file.objectName!, file.name, file.path));
    else {
      const read = readCustomField(root, file.objectName!, file.name, file.path);
      if ('def' in read) source.fields.push(read);
      else source.standardFields.push(read);
    }
  }
  return source;
}
