/**
 * Comparable forms of stored wire values and of SOQL literals. Text comparisons are
 * case-insensitive in SOQL (=, IN, LIKE, ORDER BY), ids are exact, and dates and datetimes in wire
 * form sort correctly as strings.
 */
import type { FieldDef, FieldType } from '../model.js';
import { isValidDate } from '@dealrisk/salesforce-wire';
import { storedDateTime } from '../whole-seconds.js';
import { malformed } from './errors.js';

/** A value reduced to what SOQL compares; null stays null. */
export type Comparable = string | number | boolean;

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.has(type);
}

export function isNumberType(type: FieldType): boolean {
  return NUMBER_TYPES.has(type);
}

/** The comparable form of a stored value of `field` (or of a literal already converted to wire form). */
export function comparable(field: FieldDef, value: unknown): Comparable | null {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.has(field.type)) return asText(value).toLowerCase();
  if (field.type === 'multipicklist') return multiKey(asText(value));
  return value as Comparable;
}

/** A stored scalar as text. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** A multipicklist value as its sorted, lower-cased set: 'B;a' and 'A;b' are the same selection. */
export function multiKey(value: string): string {
  return value
    .split(';')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '')
    .sort()
    .join(';');
}

/** Orders two non-null comparables of the same field. */
export function compareValues(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' };

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Decodes a quoted SOQL string literal ('It\'s'). In `like` mode it returns a regular expression
 * source instead, where % and _ are wildcards and \% \_ are literal.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */
export function decodeString(raw: string, mode: 'plain' | 'like' = 'plain'): string {
  if (raw.length < 2 || !raw.startsWith("'") || !raw.endsWith("'")) throw malformed(`unexpected token: '${raw}'`);
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char !== '\\') {
      if (mode === 'like') out += char === '%' ? '.*' : char === '_' ? '.' : escapeRegex(char);
      else out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    i += 1;
    let decoded: string | undefined = SIMPLE_ESCAPES[next];
    if (decoded === undefined && next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      decoded = String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    }
    if (decoded === undefined && mode === 'like' && (next === '%' || next === '_')) decoded = next;
    if (decoded === undefined) throw malformed(`Invalid string literal '${body}'. Illegal escape sequence '\\${next}'`);
    out += mode === 'like' ? escapeRegex(decoded) : decoded;
  }
  return out;
}

/**
 * A datetime literal (2024-01-01T10:00:00Z, …+01:00, …-0800) in wire form, UTC, to the second as
 * stored values are (fractions dropped); a day the month lacks is refused.
 */
export function datetimeLiteral(raw: string): string {
  const wire = storedDateTime(raw);
  if (wire === undefined) throw malformed(`unexpected token: '${raw}'`);
  return wire;
}

/** A date literal (YYYY-MM-DD), checked to be a real day. */
export function dateLiteral(raw: string): string {
  if (!isValidDate(raw)) throw malformed(`unexpected token: '${raw}'`);
  return raw;
}
