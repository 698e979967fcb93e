/**
 * The value → rows indexes of a table: children by parent id (one per reference field SOQL or the
 * store reads by) and holders of each value of a unique or External ID field. {@link RecordTables} keeps them in
 * step with every insert, field change and removal.
 */
import type { SRecord } from '../model.js';
import { type FieldIndex, type Table, uniqueKey } from './table.js';

/** Adds `rec` to every index of its table. */
export function indexRecord(table: Table, rec: SRecord): void {
  for (const index of table.childIndexes) indexAdd(index, rec[index.field], rec);
  for (const index of table.valueIndexes) indexAdd(index, rec[index.field], rec);
}

/** Takes `rec` out of every index of its table. */
export function unindexRecord(table: Table, rec: SRecord): void {
  for (const index of table.childIndexes) indexRemove(index, rec[index.field], rec);
  for (const index of table.valueIndexes) indexRemove(index, rec[index.field], rec);
}

/** Moves `rec` from `old` to `value` in the indexes on `field` (before the field is written). */
export function reindexField(table: Table, rec: SRecord, field: string, old: unknown, value: unknown): void {
  for (const index of table.childIndexes) {
    if (index.field !== field) continue;
    indexRemove(index, old, rec);
    indexAdd(index, value, rec);
  }
  for (const index of table.valueIndexes) {
    if (index.field !== field) continue;
    indexRemove(index, old, rec);
    indexAdd(index, value, rec);
  }
}

/** The children index on `field` (canonical name), built once the first time it is asked for. */
export function childIndex(table: Table, field: string): FieldIndex {
  const existing = table.childIndexes.find((i) => i.field === field);
  if (existing) return existing;
  const index: FieldIndex = { field, caseInsensitive: false, map: new Map() };
  for (const rec of table.rows) indexAdd(index, rec[field], rec);
  table.childIndexes.push(index);
  return index;
}

/**
 * Gives every index list of the table an exact-size copy. Lists grown by push keep room for 16
 * more rows; after a dataset load most hold one to three (a deal's contact roles, an activity's
 * relations), and millions of them would carry that room.
 */
export function compactIndexes(table: Table): void {
  for (const index of [...table.childIndexes, ...table.valueIndexes]) {
    for (const [key, list] of index.map) index.map.set(key, list.slice());
  }
}

/** The index of a unique or External ID field, if the field is one. */
export function valueIndex(table: Table, field: string): FieldIndex | undefined {
  return table.valueIndexes.find((i) => i.field === field);
}

/**
 * Adds `rec` to the index. Lists stay ordered by Id (ids grow with creation, and base-62 ids
 * compare as strings), so a rollback that re-parents a row puts it back where it was.
 */
function indexAdd(index: FieldIndex, value: unknown, rec: SRecord): void {
  if (value === null || value === undefined) return;
  const key = index.caseInsensitive ? uniqueKey(value) : (value as string);
  const list = index.map.get(key);
  if (!list) {
    index.map.set(key, [rec]);
    return;
  }
  if (list[list.length - 1]!.Id < rec.Id) {
    list.push(rec);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.Id < rec.Id) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, rec);
}

function indexRemove(index: FieldIndex, value: unknown, rec: SRecord): void {
  if (value === null || value === undefined) return;
  const key = index.caseInsensitive ? uniqueKey(value) : (value as string);
  const list = index.map.get(key);
  if (!list) return;
  const at = list.lastIndexOf(rec);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) index.map.delete(key);
}
