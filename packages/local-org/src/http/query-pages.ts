/**
 * How Salesforce cuts a query result into pages. "Child objects count toward the number of
 * records for the batch size" (REST API Developer Guide, Query Options Header): a page takes
 * parents until the parents and their inline child rows reach the batch size. A child set longer
 * than the inline limit carries only its first rows, `done: false`, and a locator of its own.
 */
import type { ChildResult, WireRecord } from '../soql/index.js';

/** Page size bounds of `Sforce-Query-Options: batchSize=N`. */
export const MIN_BATCH = 200;
export const MAX_BATCH = 2000;
/** "If the SOQL statement selects two or more custom fields of type long text, the batch size can't be greater than 200." */
export const LONG_TEXT_BATCH = 200;
/**
 * Child rows a parent carries inline per relationship before the set is paged. Salesforce does
 * not document it; clients report sets cut at 199–200 (sf CLI, jsforce #1752) and at 499
 * (jsforce #577): the smaller is the stricter reading.
 */
export const DEFAULT_CHILD_INLINE_LIMIT = 200;

/** A child relationship's value on the wire: null, or a (possibly paged) nested result. */
export type ChildSet = Omit<ChildResult, 'done'> & { done: boolean; nextRecordsUrl?: string };

/** The page size a query gets: the asked (or default) size, at most 200 with two or more long text areas. */
export function pageSizeFor(requested: number | undefined, longTextAreas: number): number {
  const size = requested ?? MAX_BATCH;
  return longTextAreas >= 2 ? Math.min(size, LONG_TEXT_BATCH) : size;
}

/** Rows one record puts on a page: itself and its inline child rows (at most `inlineLimit` per relationship). */
export function rowsOf(record: WireRecord, childRelationships: readonly string[], inlineLimit: number): number {
  let rows = 1;
  for (const name of childRelationships) {
    const child = record[name] as ChildSet | null | undefined;
    if (child) rows += Math.min(child.records.length, inlineLimit);
  }
  return rows;
}

/**
 * Where the page starting at `offset` ends (exclusive): parents are added while the rows stay
 * within `batchSize`; a page always holds at least one parent, however many children it has.
 */
export function pageEnd(records: readonly WireRecord[], offset: number, batchSize: number, childRelationships: readonly string[], inlineLimit: number): number {
  if (childRelationships.length === 0) return Math.min(records.length, offset + batchSize);
  let end = offset;
  let rows = 0;
  while (end < records.length) {
    const next = rowsOf(records[end]!, childRelationships, inlineLimit);
    if (end > offset && rows + next > batchSize) break;
    rows += next;
    end += 1;
  }
  return end;
}
