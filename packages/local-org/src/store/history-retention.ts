/**
 * Field history retention: Salesforce keeps 18 months of field history by default ("archiveAfterMonths
 * … If you don't set a number, the default is 18 months", HistoryRetentionPolicy); older rows are
 * no longer returned. The local org applies it on read, so rows age out as the org clock runs.
 */
import { toWireDateTime } from '@dealrisk/salesforce-wire';
import type { SRecord } from '../model.js';

export const DEFAULT_FIELD_HISTORY_RETENTION_MONTHS = 18;

/** The objects whose rows are field history. */
const FIELD_HISTORY_OBJECTS: ReadonlySet<string> = new Set(['opportunityfieldhistory']);

export function isFieldHistory(objectName: string): boolean {
  return FIELD_HISTORY_OBJECTS.has(objectName.toLowerCase());
}

/** The oldest CreatedDate still returned at `now` (wire form), `months` calendar months back. */
export function retentionCutoff(now: Date, months: number): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return toWireDateTime(cutoff);
}

/** The rows still inside the retention window. */
export function retained(rows: readonly SRecord[], cutoff: string): SRecord[] {
  return rows.filter((row) => (row.CreatedDate as string) >= cutoff);
}
