import { caseSafeSuffix } from '@dealrisk/salesforce-wire';

/**
 * Ids the local org hands out: a 3-character key prefix and a 12-character base-62 body, plus the
 * case-safe suffix (see src/salesforce/ids.ts for the id format itself).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Key prefixes of the objects the local org serves. */
export const KEY_PREFIX = {
  Organization: '00D',
  User: '005',
  Account: '001',
  Contact: '003',
  Lead: '00Q',
  Opportunity: '006',
  OpportunityContactRole: '00k',
  OpportunityHistory: '008',
  OpportunityFieldHistory: '017',
  OpportunityStage: '01J',
  Task: '00T',
  Event: '00U',
  TaskRelation: '0RT',
  EventRelation: '0RE',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  FieldPermissions: '01k',
  ObjectPermissions: '110',
} as const;

/** List views are no object of the local org's, but have ids (00B…). */
export const LIST_VIEW_PREFIX = '00B';


/**
 * Builds the 18-character id for a key prefix and a sequence number. Pod "0" marks local ids.
 * Built from character codes: one flat string, where concatenation would leave V8 a chain of
 * string pieces (about three times the memory, for millions of ids).
 */
export function makeId(keyPrefix: string, sequence: number): string {
  const codes = [keyPrefix.charCodeAt(0), keyPrefix.charCodeAt(1), keyPrefix.charCodeAt(2)];
  let n = sequence;
  for (let i = 14; i >= 3; i -= 1) {
    codes[i] = BASE62.charCodeAt(n % 62);
    n = Math.floor(n / 62);
  }
  const suffix = caseSafeSuffix(String.fromCharCode(...codes));
  return String.fromCharCode(...codes, suffix.charCodeAt(0), suffix.charCodeAt(1), suffix.charCodeAt(2));
}

const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62.length; i += 1) DIGIT[BASE62.charCodeAt(i)] = i;

/**
 * The sequence number of an id's 12-character base-62 body: the inverse of {@link makeId}. Bodies
 * of real-org ids give large numbers (past 2^53, approximate); a body that is not base 62 gives -1.
 */
export function sequenceOf(id: string): number {
  let n = 0;
  for (let i = 3; i < 15; i += 1) {
    const code = id.charCodeAt(i);
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0) return -1;
    n = n * 62 + digit;
  }
  return n;
}
