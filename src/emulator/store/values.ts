/**
 * Converts a client's value for one field to its stored wire form, or to the per-field error
 * Salesforce answers (status codes and message wording as Salesforce's save results carry them).
 */
import { toId18 } from '../ids.js';
import type { FieldDef } from '../model.js';
import type { SaveError } from './types.js';

/** The stored value, or the error the save answers. */
export type Conversion = { ok: true; value: unknown } | { ok: false; error: SaveError };

const WIRE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Salesforce's own check is looser than RFC 5322 but rejects the usual slips (no @, spaces, no domain dot).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A Date in Salesforce's wire form: 'YYYY-MM-DDTHH:mm:ss.SSS+0000'. */
export function toWireDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** Parses an ISO 8601 date-time (also Salesforce's '+0000' form); NaN when malformed. */
export function parseDateTime(value: string): number {
  const m = DATETIME.exec(value);
  if (!m) return Number.NaN;
  const [, day, hm, sec, zone] = m;
  if (!isValidDate(day!)) return Number.NaN;
  if (!hm) return Date.parse(`${day}T00:00:00Z`);
  let tz = zone ?? 'Z';
  if (tz !== 'Z' && !tz.includes(':')) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const seconds = sec ? sec.slice(0, 7) : ':00';
  return Date.parse(`${day}T${hm}${seconds}${tz}`);
}

/** Normalises any accepted date-time string to the wire form; undefined when malformed. */
export function normaliseDateTime(value: string): string | undefined {
  if (WIRE_DATETIME.test(value)) return value;
  const ms = parseDateTime(value);
  return Number.isNaN(ms) ? undefined : toWireDateTime(new Date(ms));
}

// Datasets repeat the same few thousand days millions of times: remember the answers (bounded).
const validDays = new Map<string, boolean>();

/** A real calendar day in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isValidDate(value: string): boolean {
  if (value.length !== 10) return false;
  const known = validDays.get(value);
  if (known !== undefined) return known;
  const valid = checkDate(value);
  if (validDays.size < 100_000) validDays.set(value, valid);
  return valid;
}

function checkDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function fail(statusCode: string, message: string, f: FieldDef): Conversion {
  return { ok: false, error: { statusCode, message, fields: [f.name] } };
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
      const value = typeof raw === 'string' ? normaliseDateTime(raw) : undefined;
      return value === undefined ? notOfType(f, raw) : { ok: true, value };
    }
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? toId18(raw) : undefined;
      if (id === undefined) return fail('MALFORMED_ID', `${f.label}: id value of incorrect type: ${show(raw)}`, f);
      return { ok: true, value: id };
    }
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
      return typeof raw === 'string' && WIRE_DATETIME.test(raw) ? raw : NEEDS_CONVERSION;
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

