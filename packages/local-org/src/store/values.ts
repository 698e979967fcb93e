/**
 * Converts a client's value for one field to its stored wire form, or to the per-field error
 * Salesforce answers (status codes and message wording as Salesforce's save results carry them).
 */
import { toId18 } from '@dealrisk/salesforce-wire';
import type { FieldDef } from '../model.js';
import { isValidDate } from '@dealrisk/salesforce-wire';
import { isStoredDateTime, storedDateTime } from '../whole-seconds.js';
import { saveError } from './save-errors.js';
import type { SaveError } from './types.js';

/** The stored value, or the error the save answers. */
export type Conversion = { ok: true; value: unknown } | { ok: false; error: SaveError };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Salesforce's own check is looser than RFC 5322 but rejects the usual slips (no @, spaces, no domain dot).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fail(statusCode: string, message: string, f: FieldDef): Conversion {
  return { ok: false, error: saveError(statusCode, message, [f.name]) };
}

function show(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

const notOfType = (f: FieldDef, raw: unknown): Conversion =>
  fail('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${show(raw)}`, f);

function convertText(f: FieldDef, raw: unknown, picklist: readonly string[] | undefined): Conversion {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return notOfType(f, raw);
  let value = String(raw);
  // Salesforce stores an empty text value as null.
  if (value === '') return { ok: true, value: null };
  if (f.type === 'multipicklist') value = [...new Set(value.split(';').map((v) => v.trim()).filter(Boolean))].join(';');
  if (f.length !== undefined && value.length > f.length) {
    return fail('STRING_TOO_LONG', `${f.label}: data value too large: ${value.slice(0, 40)}${value.length > 40 ? '...' : ''} (max length=${f.length})`, f);
  }
  if (f.type === 'email' && !EMAIL.test(value)) return fail('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, f);
  if (f.restrictedPicklist && picklist) {
    const values = f.type === 'multipicklist' ? value.split(';') : [value];
    const bad = values.find((v) => !picklist.includes(v));
    if (bad !== undefined) {
      return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${bad}`, f);
    }
  }
  return { ok: true, value };
}

function convertNumber(f: FieldDef, raw: unknown): Conversion {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && NUMBER.test(raw.trim())) n = Number(raw.trim());
  else return notOfType(f, raw);
  if (!Number.isFinite(n)) return notOfType(f, raw);
  if (f.type === 'int' && !Number.isInteger(n)) return notOfType(f, raw);
  const scale = f.scale ?? 0;
  const precision = f.precision ?? 18;
  // Salesforce rounds extra decimals half-up and refuses more integer digits than precision - scale.
  const factor = 10 ** scale;
  const rounded = Math.sign(n) * (Math.round(Math.abs(n) * factor) / factor);
  if (Math.abs(rounded) >= 10 ** (precision - scale)) {
    return fail('NUMBER_OUTSIDE_VALID_RANGE', `${f.label}: value outside of valid range on numeric field: ${show(raw)}`, f);
  }
  return { ok: true, value: Object.is(rounded, -0) ? 0 : rounded };
}

/**
 * Converts `raw` for field `f`. `picklist` is the value list to enforce for restricted picklists
 * (Opportunity.StageName uses the org's stages rather than the schema's list).
 */
export function convertValue(f: FieldDef, raw: unknown, picklist: readonly string[] | undefined = f.picklistValues): Conversion {
  if (raw === null || raw === undefined) return { ok: true, value: f.type === 'boolean' ? false : null };
  switch (f.type) {
    case 'string':
    case 'textarea':
    case 'picklist':
    case 'multipicklist':
    case 'email':
    case 'phone':
    case 'url':
      return convertText(f, raw, picklist);
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return { ok: true, value: raw.toLowerCase() === 'true' };
      return notOfType(f, raw);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return convertNumber(f, raw);
    case 'date':
      if (typeof raw === 'string' && isValidDate(raw)) return { ok: true, value: raw };
      return notOfType(f, raw);
    case 'datetime': {
      const value = typeof raw === 'string' ? storedDateTime(raw) : undefined;
      return value === undefined ? notOfType(f, raw) : { ok: true, value };
    }
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? toId18(raw) : undefined;
      if (id === undefined) return fail('MALFORMED_ID', `${f.label}: id value of incorrect type: ${show(raw)}`, f);
      return { ok: true, value: id };
    }
    case 'address':
    case 'location':
      // Compound fields are read-only: their value is built from the components, which are written instead.
      return fail('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, f);
  }
}

/** Returned by {@link fastValue} when the value needs the full {@link convertValue}. */
export const NEEDS_CONVERSION: unique symbol = Symbol('needs conversion');

/**
 * The stored value for the common, already-canonical cases (what a generated dataset holds),
 * without allocating a result object; NEEDS_CONVERSION otherwise. Same outcome as convertValue.
 */
export function fastValue(f: FieldDef, raw: unknown): unknown {
  switch (f.type) {
    case 'string':
    case 'textarea':
    case 'phone':
    case 'url':
      return typeof raw === 'string' && raw !== '' && (f.length === undefined || raw.length <= f.length) ? raw : NEEDS_CONVERSION;
    case 'picklist':
      return typeof raw === 'string' && raw !== '' && !f.restrictedPicklist && (f.length === undefined || raw.length <= f.length)
        ? raw
        : NEEDS_CONVERSION;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : NEEDS_CONVERSION;
    case 'date':
      return typeof raw === 'string' && isValidDate(raw) ? raw : NEEDS_CONVERSION;
    case 'datetime':
      return typeof raw === 'string' && isStoredDateTime(raw) ? raw : NEEDS_CONVERSION;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return NEEDS_CONVERSION;
      const scale = f.scale ?? 0;
      const factor = 10 ** scale;
      const inRange = Math.abs(raw) < 10 ** ((f.precision ?? 18) - scale);
      return inRange && Math.round(raw * factor) / factor === raw && !Object.is(raw, -0) ? raw : NEEDS_CONVERSION;
    }
    default:
      return NEEDS_CONVERSION;
  }
}

