import type { FieldDescribe } from '../org-metadata.js';
import type { OutputRole } from '../mapping-schema.js';
import { longestCodesText, SIGNAL_CODES } from '../../scoring/index.js';

/** Describe types by what they hold. */
const NUMBER = ['double', 'int', 'currency', 'percent'];
const TEXT = ['string', 'textarea'];

/** The longest codes text a deal can get: every signal code that can fire together, joined by ';'. */
export const LONGEST_CODES = longestCodesText();
/** A Task key: an 18-character Opportunity id, ':' and the longest signal code. */
export const LONGEST_TASK_KEY = 18 + 1 + Math.max(...SIGNAL_CODES.map((code) => code.length));
/** Reasons and missing verifiers run to several sentences: a Long Text Area. */
const LONG_TEXT = 1000;

/** What a field of each output role must be; undefined when it fits, else what is wrong. */
export const OUTPUT_RULES: Record<OutputRole, (f: FieldDescribe) => string | undefined> = {
  score: (f) => (NUMBER.includes(f.type) && f.precision - f.scale >= 3 ? undefined : `needs a Number with 3 digits before the point (0-100), found ${typeName(f)}`),
  level: (f) => (f.type === 'picklist' ? undefined : `needs a Picklist (High, Medium, Low), found ${typeName(f)}`),
  reasons: (f) => (f.type === 'textarea' && f.length >= LONG_TEXT ? undefined : `needs a Long Text Area (at least ${LONG_TEXT} characters), found ${typeName(f)}`),
  codes: (f) => (TEXT.includes(f.type) && f.length >= LONGEST_CODES ? undefined : `needs Text of at least ${LONGEST_CODES} characters, found ${typeName(f)}`),
  stageEnteredDate: (f) => (f.type === 'date' || f.type === 'datetime' ? undefined : `needs a Date, found ${typeName(f)}`),
  benchmarkDays: (f) => (NUMBER.includes(f.type) && f.precision - f.scale >= 4 ? undefined : `needs a Number with 4 digits before the point, found ${typeName(f)}`),
  mobilizerCount: (f) => (NUMBER.includes(f.type) && f.precision - f.scale >= 2 ? undefined : `needs a Number with 2 digits before the point, found ${typeName(f)}`),
  missingVerifiers: (f) => (f.type === 'textarea' && f.length >= LONG_TEXT ? undefined : `needs a Long Text Area (at least ${LONG_TEXT} characters), found ${typeName(f)}`),
  updatedAt: (f) => (f.type === 'datetime' ? undefined : `needs a Date/Time, found ${typeName(f)}`),
};

/** 'double(3,0)', 'string(255)', 'picklist' */
export function typeName(f: FieldDescribe): string {
  if (NUMBER.includes(f.type)) return `${f.type}(${f.precision},${f.scale})`;
  if (TEXT.includes(f.type)) return `${f.type}(${f.length})`;
  return f.type;
}

/** The mapped values a picklist lacks (inactive values count as missing). */
export function missingValues(f: FieldDescribe, values: readonly string[]): string[] {
  const present = new Set(f.picklistValues.filter((v) => v.active).map((v) => v.value));
  return values.filter((v) => !present.has(v));
}

export function isPicklist(f: FieldDescribe): boolean {
  return f.type === 'picklist' || f.type === 'multipicklist';
}
