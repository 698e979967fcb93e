/**
 * Salesforce record ids: a 3-character key prefix, a 12-character base-62 body (15 characters,
 * case-sensitive) and a 3-character case-safe suffix that makes the 18-character form.
 * https://help.salesforce.com/s/articleView?id=000385008
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the objects the local org serves. */
export const KEY_PREFIX = {
  Organization: '00D',
  User: '005',
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  OpportunityContactRole: '00k',
  OpportunityHistory: '008',
  OpportunityFieldHistory: '017',
  OpportunityStage: '01J',
  Task: '00T',
  Event: '00U',
} as const;

/** The 3-character suffix: one bit per upper-case letter in each 5-character chunk. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Builds the 18-character id for a key prefix and a sequence number. Pod "0" marks local ids. */
export function makeId(keyPrefix: string, sequence: number): string {
  let body = '';
  let n = sequence;
  for (let i = 0; i < 12; i += 1) {
    body = BASE62[n % 62]! + body;
    n = Math.floor(n / 62);
  }
  const id15 = keyPrefix + body;
  return id15 + caseSafeSuffix(id15);
}

/** The sequence number of an id's 12-character base-62 body: the inverse of {@link makeId}. */
export function sequenceOf(id: string): number {
  let n = 0;
  for (let i = 3; i < 15; i += 1) n = n * 62 + BASE62.indexOf(id[i]!);
  return n;
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** Normalises a 15- or 18-character id to 18 characters; undefined when it is not a well-formed id. */
export function toId18(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  const id15 = id.slice(0, 15);
  const id18 = id15 + caseSafeSuffix(id15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== id18.slice(15)) return undefined;
  return id18;
}
