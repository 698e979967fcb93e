/**
 * Salesforce stores date-times to the second and compares them so: every date-time the org stores
 * or compares goes through here and ends in `.000+0000` (the wire form keeps the milliseconds
 * field, always zero).
 */
import { isWireDateTime, normaliseDateTime, toWireDateTime } from '@dealrisk/salesforce-wire';

/** A moment as the org stores it: the wire form, milliseconds dropped (not rounded). */
export function wholeSecondDateTime(d: Date): string {
  return toWireDateTime(new Date(Math.floor(d.getTime() / 1000) * 1000));
}

/** Any accepted date-time text as the org stores it; undefined when malformed. */
export function storedDateTime(raw: string): string | undefined {
  const wire = normaliseDateTime(raw);
  return wire === undefined ? undefined : `${wire.slice(0, 19)}.000+0000`;
}

/** True when `value` is already in stored form ('YYYY-MM-DDTHH:mm:ss.000+0000'): a cheap test for bulk loads. */
export function isStoredDateTime(value: string): boolean {
  return value.endsWith('.000+0000') && isWireDateTime(value);
}
