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
