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

/** Records a cursor pages through, each built when read (a query's: see the SOQL engine's PageableResult). */
export interface RecordSource {
  readonly length: number;
  record(index: number): WireRecord;
}

/** A source over records already built (a child set's). */
export function arraySource(records: readonly WireRecord[]): RecordSource {
  return { length: records.length, record: (index) => records[index]! };
}

/**
 * The records of the page starting at `offset`: parents are added while the rows stay within
 * `batchSize`; a page always holds at least one parent, however many children it has. Only the
 * page's records are built (and the one that did not fit, which the next page builds again).
 */
export function pageRecords(source: RecordSource, offset: number, batchSize: number, childRelationships: readonly string[], inlineLimit: number): WireRecord[] {
  const records: WireRecord[] = [];
  if (childRelationships.length === 0) {
    const end = Math.min(source.length, offset + batchSize);
    for (let i = offset; i < end; i += 1) records.push(source.record(i));
    return records;
  }
  let rows = 0;
  for (let i = offset; i < source.length; i += 1) {
    const record = source.record(i);
    const next = rowsOf(record, childRelationships, inlineLimit);
    if (i > offset && rows + next > batchSize) break;
    rows += next;
    records.push(record);
  }
  return records;
}
