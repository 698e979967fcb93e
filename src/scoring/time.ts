/** Milliseconds in a day; dealrisk counts days in UTC. */
export const DAY_MS = 86_400_000;

const ZERO = 48;

function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Parses a Salesforce date ('YYYY-MM-DD', read as UTC midnight) or datetime
 * ('YYYY-MM-DDTHH:mm:ss.SSS+0000', 'Z' or '±hh:mm' offsets too) to epoch milliseconds.
 * Returns NaN for anything unparseable, including null and undefined.
 *
 * Hand-rolled for the fixed Salesforce layouts because `Date.parse` costs about 0.4 µs a call
 * and scoring parses a few dozen timestamps per opportunity; other layouts fall back to it.
 */
export function parseTime(value: string | null | undefined): number {
  if (typeof value !== 'string' || value.length < 10) return NaN;
  const s = value;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (s.length === 10) return Date.UTC(year, month - 1, day);
  if (s.length < 19 || (s[10] !== 'T' && s[10] !== ' ')) return Date.parse(s);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let i = 19;
  let ms = 0;
  if (s[i] === '.') {
    i++;
    let scale = 100;
    while (i < s.length) {
      const d = s.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
      i++;
    }
    ms = Math.floor(ms);
  }
  let offsetMinutes = 0;
  if (i < s.length) {
    const sign = s[i];
    if (sign === 'Z' && i === s.length - 1) offsetMinutes = 0;
    else if (sign === '+' || sign === '-') {
      const rest = s.slice(i + 1).replace(':', '');
      if (rest.length !== 4) return Date.parse(s);
      const oh = digits(rest, 0, 2);
      const om = digits(rest, 2, 2);
      offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    } else return Date.parse(s);
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return t;
}

/** The UTC calendar date of a moment, 'YYYY-MM-DD'. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `fromMs` to `toMs`, rounded down, never negative. */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / DAY_MS));
}

/** Median of a non-empty list (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
