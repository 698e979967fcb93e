/**
 * Salesforce's wire forms of dates and date-times (see model.ts), in one place for the store, the
 * SOQL engine, the HTTP routes and the dataset generator:
 * date 'YYYY-MM-DD', datetime 'YYYY-MM-DDTHH:mm:ss.SSS+0000' (UTC).
 */

const WIRE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Date in Salesforce's wire form: 'YYYY-MM-DDTHH:mm:ss.SSS+0000'. */
export function toWireDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

/** The UTC day of a Date in Salesforce's wire form: 'YYYY-MM-DD'. */
export function toWireDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True when `value` is already a wire datetime ('YYYY-MM-DDTHH:mm:ss.SSS+0000'). */
export function isWireDateTime(value: string): boolean {
  return WIRE_DATETIME.test(value);
}

/** Parses an ISO 8601 date-time (also Salesforce's '+0000' form); NaN when malformed or not a real day. */
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

/** A real calendar day in 'YYYY-MM-DD' form (rejects 2026-02-30, which Date.parse rolls over). */
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
