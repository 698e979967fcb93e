/**
 * Time helpers for the generator. It plans in epoch milliseconds (whole seconds, like Salesforce's
 * timestamps) and writes the wire forms of src/model.ts.
 */
import { toWireDate, toWireDateTime } from '@dealrisk/salesforce-wire';

export const SECOND = 1000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/*
 * A large org formats millions of timestamps: the day part and the time-of-day part are cached
 * (a few thousand days, at most 86,400 seconds), so each timestamp is one join of two shared
 * strings instead of a Date and an ISO string.
 */
const dayStrings = new Map<number, string>();
const timeOfDayStrings = new Map<number, string>();

function dayString(dayNumber: number): string {
  let text = dayStrings.get(dayNumber);
  if (text === undefined) {
    text = toWireDate(new Date(dayNumber * DAY));
    dayStrings.set(dayNumber, text);
  }
  return text;
}

/*
 * The timestamps formatted last, by second: rows written for one moment (a stage change's history
 * and field history rows, an event's start and activity time) then share one string.
 */
const RECENT_SLOTS = 4096;
const recentMs = new Float64Array(RECENT_SLOTS).fill(Number.NaN);
const recentText: string[] = new Array<string>(RECENT_SLOTS).fill('');

/** 'YYYY-MM-DDTHH:mm:ss.SSS+0000' (UTC), Salesforce's datetime wire form. */
export function toDateTime(ms: number): string {
  if (ms % SECOND !== 0) return toWireDateTime(new Date(ms));
  const slot = (((ms / SECOND) % RECENT_SLOTS) + RECENT_SLOTS) % RECENT_SLOTS;
  if (recentMs[slot] === ms) return recentText[slot]!;
  recentMs[slot] = ms;
  return (recentText[slot] = formatWholeSecond(ms));
}

function formatWholeSecond(ms: number): string {
  const dayNumber = Math.floor(ms / DAY);
  const second = (ms - dayNumber * DAY) / SECOND;
  let time = timeOfDayStrings.get(second);
  if (time === undefined) {
    time = toWireDateTime(new Date(second * SECOND)).slice(10);
    timeOfDayStrings.set(second, time);
  }
  // join, not +: one flat string. A concatenation would be a pair of pointers that the store's
  // first check of the value flattens into a second string, holding both for good (millions of
  // timestamps: about 130 MB at 100,000 opportunities).
  return [dayString(dayNumber), time].join('');
}

/** 'YYYY-MM-DD' of the UTC day, Salesforce's date wire form. */
export function toDate(ms: number): string {
  return dayString(Math.floor(ms / DAY));
}

/** Midnight UTC of the day holding `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Drops the milliseconds: Salesforce stores timestamps to the second. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

/** Business hours in UTC for a US-based sales team: 13:00–22:00 UTC ≈ 9:00–17:00 Eastern. */
const BUSINESS_DAY_START = 13 * HOUR;
const BUSINESS_DAY_LENGTH = 9 * HOUR;

/**
 * Moves an instant into the business hours of its UTC day, keeping its relative place in the day
 * (so the mapping preserves order). Callers clamp the result to the deal's life.
 */
export function duringBusinessHours(ms: number): number {
  const day = startOfDay(ms);
  return wholeSecond(day + BUSINESS_DAY_START + ((ms - day) / DAY) * BUSINESS_DAY_LENGTH);
}
