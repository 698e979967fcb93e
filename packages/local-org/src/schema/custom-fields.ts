/**
 * The custom fields of the demo org, read from this package's schema/custom-fields.json (format
 * documented in that file's `$comment`). Validated with zod so a typo fails loudly at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SetupError } from '../errors/setup-error.js';
import type { FieldDef } from '../model.js';
import { field, geolocation } from './fields.js';

const FIELD_TYPES = [
  'string', 'textarea', 'picklist', 'multipicklist', 'boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime',
  'email', 'phone', 'url', 'location',
] as const;

const customFieldSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'custom field names end in __c'),
    label: z.string().min(1),
    type: z.enum(FIELD_TYPES),
    length: z.number().int().positive().optional(),
    precision: z.number().int().min(1).max(18).optional(),
    scale: z.number().int().min(0).max(17).optional(),
    picklistValues: z.array(z.string().min(1)).optional(),
    restrictedPicklist: z.boolean().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    required: z.boolean().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
    filterable: z.boolean().optional(),
    sortable: z.boolean().optional(),
  })
  .strict();

const fileSchema = z.object({
  $comment: z.unknown().optional(),
  objects: z.record(z.string(), z.array(customFieldSchema)),
});

/** Custom fields by object name ('Activity' is already expanded to Task and Event). */
export type CustomFields = Record<string, FieldDef[]>;

/** Where this package keeps the file: found upward from this module (works from src/ and dist/). */
export function defaultCustomFieldsPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schema', 'custom-fields.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('schema/custom-fields.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The setting a bad custom-fields file is reported under (SetupError's key). */
export const CUSTOM_FIELDS_KEY = 'schema/custom-fields.json';

/** Converts the parsed file content to field definitions (exported for tests); a mistake is a SetupError. */
export function parseCustomFields(content: unknown): CustomFields {
  const parsed = fileSchema.safeParse(content);
  if (!parsed.success) throw new SetupError([{ key: CUSTOM_FIELDS_KEY, problem: 'Invalid custom-fields file:\n' + z.prettifyError(parsed.error) }]);
  const out: CustomFields = {};
  for (const [objectName, specs] of Object.entries(parsed.data.objects)) {
    const targets = objectName === 'Activity' ? ['Task', 'Event'] : [objectName];
    for (const spec of specs) {
      const { name, label, type, required, ...rest } = spec;
      if (type === 'location') {
        // A geolocation: its __Latitude__s and __Longitude__s components and the compound itself.
        for (const target of targets) (out[target] ??= []).push(...geolocation(name, label, spec.scale ?? 15));
        continue;
      }
      const def = field(name, label, type, { ...rest, custom: true });
      if (type === 'boolean') {
        def.nillable = false;
        def.defaultValue ??= false;
      }
      if (type === 'textarea' && (spec.length ?? 255) > 255) {
        def.filterable = spec.filterable ?? false;
        def.sortable = spec.sortable ?? false;
      }
      if (required) {
        def.required = true;
        def.nillable = false;
      }
      if (['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url'].includes(type)) def.length ??= 255;
      for (const target of targets) (out[target] ??= []).push(structuredClone(def));
    }
  }
  return out;
}

/** Reads and validates the custom-fields file (default: this package's schema/custom-fields.json). */
export function loadCustomFields(path: string = defaultCustomFieldsPath()): CustomFields {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SetupError([{ key: CUSTOM_FIELDS_KEY, problem: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  return parseCustomFields(content);
}
