/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_QUARTER…) as inclusive ranges of UTC calendar
 * days, relative to the org's clock. Weeks start on Sunday (the en_US locale) and fiscal periods
 * equal calendar ones (Salesforce's default fiscal year starts in January).
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
import { toWireDate } from '@dealrisk/salesforce-wire';
import { malformed } from './errors.js';

/** Inclusive first and last day, as 'YYYY-MM-DD'. */
export interface DayRange {
  first: string;
  last: string;
}

type Unit = 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

const DAY_MS = 86_400_000;

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** First day of the period `offset` units away from the one containing `today`. */
function periodStart(unit: Unit, today: Date, offset: number): Date {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  switch (unit) {
    case 'WEEK':
      return addDays(today, -today.getUTCDay() + 7 * offset);
    case 'MONTH':
      return new Date(Date.UTC(year, month + offset, 1));
    case 'QUARTER':
      return new Date(Date.UTC(year, Math.floor(month / 3) * 3 + 3 * offset, 1));
    case 'YEAR':
      return new Date(Date.UTC(year + offset, 0, 1));
  }
}

/** Periods `from`..`to` (offsets, inclusive) as one day range. */
function periods(unit: Unit, today: Date, from: number, to: number): DayRange {
  return { first: toWireDate(periodStart(unit, today, from)), last: toWireDate(addDays(periodStart(unit, today, to + 1), -1)) };
}

function days(today: Date, from: number, to: number): DayRange {
  return { first: toWireDate(addDays(today, from)), last: toWireDate(addDays(today, to)) };
}

function unitOf(word: string): Unit | undefined {
  const bare = word.replace(/^FISCAL_/, '');
  return bare === 'WEEK' || bare === 'MONTH' || bare === 'QUARTER' || bare === 'YEAR' ? bare : undefined;
}

/**
 * The day range of a date literal. `literal` is the keyword without its `:n` (e.g. LAST_N_DAYS),
 * `n` its number for the N forms.
 */
export function dateLiteralRange(literal: string, n: number | undefined, now: Date): DayRange {
  const today = utcDay(now);
  const word = literal.toUpperCase();
  const count = n ?? 0;
  switch (word) {
    case 'TODAY':
      return days(today, 0, 0);
    case 'YESTERDAY':
      return days(today, -1, -1);
    case 'TOMORROW':
      return days(today, 1, 1);
    // "Starts with the current day and continues for the past n days": n + 1 days in all.
    case 'LAST_90_DAYS':
      return days(today, -90, 0);
    case 'LAST_N_DAYS':
      return days(today, -count, 0);
    // "Starts 00:00:00 of the next day and continues for the next n days."
    case 'NEXT_90_DAYS':
      return days(today, 1, 90);
    case 'NEXT_N_DAYS':
      return days(today, 1, count);
    case 'N_DAYS_AGO':
      return days(today, -count, -count);
  }
  let match = /^(LAST|THIS|NEXT)_(.+)$/.exec(word);
  const single = match && !match[2]!.startsWith('N_') ? unitOf(match[2]!) : undefined;
  if (match && single) {
    const offset = match[1] === 'LAST' ? -1 : match[1] === 'NEXT' ? 1 : 0;
    return periods(single, today, offset, offset);
  }
  match = /^(LAST|NEXT)_N_(.+)S$/.exec(word);
  const many = match ? unitOf(match[2]!) : undefined;
  if (match && many) {
    return match[1] === 'LAST' ? periods(many, today, -count, -1) : periods(many, today, 1, count);
  }
  match = /^N_(.+)S_AGO$/.exec(word);
  const ago = match ? unitOf(match[1]!) : undefined;
  if (ago) return periods(ago, today, -count, -count);
  throw malformed(`unexpected token: '${literal}'`);
}
