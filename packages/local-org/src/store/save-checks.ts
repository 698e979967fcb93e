/**
 * The checks a client's save goes through, with Salesforce's status codes: first the input (every
 * field known, writable and of the right type), then, once the triggers derived their fields, the
 * steps of {@link SAVE_CHECKS} in order; the first step that fails answers for the record.
 */
import type { FieldDef, SRecord } from '../model.js';
import { valueIndex } from './indexes.js';
import type { RecordTables } from './record-tables.js';
import { requiredFieldsMissing, saveError } from './save-errors.js';
import { type Table, fieldFor, uniqueKey } from './table.js';
import type { SaveError, ValidationRule } from './types.js';
import { convertValue } from './values.js';
import { toId18 } from '@dealrisk/salesforce-wire';

type Row = Record<string, unknown>;

/** A client's input, converted: canonical field name → stored value, and what was wrong with it. */
export interface SaveInput {
  values: Map<string, unknown>;
  errors: SaveError[];
}

/** What {@link readInput} needs to know about the save. */
export interface InputOptions {
  mode: 'create' | 'update';
  /** The record updated (18 characters): a body's Id must name it. */
  targetId?: string;
  /** The values a picklist field takes in this org. */
  picklistOf: (f: FieldDef) => readonly string[] | undefined;
}

/** Converts a client's field values, checking each field exists and may be written. */
export function readInput(table: Table, fields: Record<string, unknown>, options: InputOptions): SaveInput {
  const values = new Map<string, unknown>();
  const errors: SaveError[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(fields)) {
    if (key === 'attributes') continue;
    const f = fieldFor(table, key);
    if (!f) {
      errors.push(saveError('INVALID_FIELD', `No such column '${key}' on sobject of type ${table.name}`, [key]));
      continue;
    }
    if (f.type === 'id') {
      if (options.mode === 'create') errors.push(saveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
      else if (typeof raw !== 'string' || toId18(raw) !== options.targetId) {
        errors.push(saveError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(raw)}`, ['Id']));
      }
      continue;
    }
    if (!writable(f, options.mode)) {
      readOnly.push(f.name);
      continue;
    }
    const converted = convertValue(f, raw, options.picklistOf(f));
    if (converted.ok) values.set(f.name, converted.value);
    else errors.push(converted.error);
  }
  // An unknown field fails the whole record before any value is looked at, as Salesforce's parser does.
  const unknown = errors.filter((e) => e.statusCode === 'INVALID_FIELD');
  if (unknown.length > 0) return { values, errors: unknown };
  if (readOnly.length > 0) {
    errors.unshift(
      saveError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      ),
    );
  }
  return { values, errors };
}

/** Whether a client may write the field in this kind of save. */
function writable(f: FieldDef, mode: InputOptions['mode']): boolean {
  return mode === 'create' ? f.createable : f.updateable;
}

/** A save about to be stored: the record as it will be saved, after the triggers' derivations. */
export interface PendingSave {
  table: Table;
  rec: Row;
  /** The stored record, on update. */
  current: SRecord | undefined;
  /** The fields the client set. */
  given: ReadonlySet<string>;
}

/** What the save checks read. */
export interface SaveCheckContext {
  tables: RecordTables;
  rulesOf(table: Table): readonly ValidationRule[];
}

/** One step: the errors that fail the save, or undefined to go on. */
export type SaveCheck = (ctx: SaveCheckContext, save: PendingSave) => SaveError[] | undefined;

/** Runs the {@link SAVE_CHECKS} in order: the first failing step's errors, or undefined when the save may go on. */
export function checkSave(ctx: SaveCheckContext, save: PendingSave): SaveError[] | undefined {
  for (const check of SAVE_CHECKS) {
    const errors = check(ctx, save);
    if (errors) return errors;
  }
  return undefined;
}

/** A create needs every required field; an update may not clear one. */
const requiredFields: SaveCheck = (_ctx, { table, rec, current, given }) => {
  const missing =
    current === undefined
      ? table.fields.filter((f) => f.createable && !f.nillable && rec[f.name] === null).map((f) => f.name)
      : [...given].filter((name) => !table.fieldByLower.get(name.toLowerCase())!.nillable && rec[name] === null);
  return missing.length > 0 ? [requiredFieldsMissing(missing)] : undefined;
};

/**
 * Lookup checks as Salesforce answers them: an id of another object → FIELD_INTEGRITY_EXCEPTION
 * ("id value of incorrect type"), an id the org never had → INVALID_CROSS_REFERENCE_KEY, a record
 * in the recycle bin → ENTITY_IS_DELETED (a malformed id was already MALFORMED_ID).
 * https://www.salto.io/blog-posts/invalid-cross-reference-id
 */
const references: SaveCheck = ({ tables }, { table, rec, given }) => {
  const errors: SaveError[] = [];
  for (const f of table.referenceFields) {
    const value = rec[f.name];
    if (!given.has(f.name) || typeof value !== 'string') continue;
    const targetTable = tables.tableOfPrefix(value.slice(0, 3));
    if (targetTable && !(f.referenceTo ?? []).includes(targetTable.name)) {
      errors.push(saveError('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${value}`, [f.name]));
      continue;
    }
    const target = tables.record(value);
    if (!target) errors.push(saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]));
    else if (target.IsDeleted) errors.push(saveError('ENTITY_IS_DELETED', 'entity is deleted', [f.name]));
    else if (f.name === 'OwnerId' && target.IsActive === false) {
      errors.push(saveError('INACTIVE_OWNER_OR_USER', `operation performed with inactive user [${value}] as owner of ${table.def.label.toLowerCase()}`, [f.name]));
    }
  }
  return errors.length > 0 ? errors : undefined;
};

/** The org's validation rules for the object. */
const validationRules: SaveCheck = (ctx, { table, rec }) => {
  const errors = ctx
    .rulesOf(table)
    .filter((rule) => rule.when(rec))
    .map((rule) => saveError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []));
  return errors.length > 0 ? errors : undefined;
};

/** Unique fields: no other live record may hold the value. */
const uniqueValues: SaveCheck = (_ctx, { table, rec, current }) => {
  for (const f of table.uniqueFields) {
    const value = rec[f.name];
    if (value === null || value === undefined) continue;
    const holders = valueIndex(table, f.name)!.map.get(uniqueKey(value)) ?? [];
    const other = holders.find((h) => h !== current && !h.IsDeleted);
    if (other) {
      return [saveError('DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${other.Id}`, [f.name])];
    }
  }
  return undefined;
};

/** The steps after the triggers' beforeSave, in the order Salesforce reports them. */
export const SAVE_CHECKS: readonly SaveCheck[] = [requiredFields, references, validationRules, uniqueValues];
