/**
 * The system audit fields (CreatedDate/ById, LastModifiedDate/ById, SystemModstamp) as Salesforce
 * stamps them: one place for when and by whom a write happened.
 */
import type { OrgClock, SRecord } from '../model.js';
import type { RecordTables } from './record-tables.js';
import type { Table } from './table.js';
import { wholeSecondDateTime } from '../whole-seconds.js';

type Row = Record<string, unknown>;

/** The time a write happening now is stamped with (wire date-time, whole seconds). */
export function stampTime(clock: OrgClock): string {
  return wholeSecondDateTime(clock.now());
}

/** A new record: created, last modified and modstamped now by the acting user. */
export function stampCreate(table: Table, rec: Row, now: string, actingUserId: string): void {
  rec.IsDeleted = false;
  rec.CreatedDate = now;
  rec.CreatedById = actingUserId;
  stampUpdate(table, rec, now, actingUserId);
}

/** A client's change (`rec` is the record as it will be saved): last modified now by the acting user. */
export function stampUpdate(table: Table, rec: Row, now: string, actingUserId: string): void {
  if (table.has('LastModifiedDate')) {
    rec.LastModifiedDate = now;
    rec.LastModifiedById = actingUserId;
  }
  if (table.has('SystemModstamp')) rec.SystemModstamp = now;
}

/** A change the system makes to a stored record (moving it to the recycle bin): SystemModstamp only. */
export function stampSystemChange(tables: RecordTables, table: Table, rec: SRecord, now: string): void {
  if (table.has('SystemModstamp')) tables.set(table, rec, 'SystemModstamp', now);
}

/**
 * A trusted dataset row: fills the audit fields the dataset left out (the first user created the
 * first user, as the org's installer did; `defaultUser` is that user).
 */
export function fillLoadedStamps(table: Table, rec: Row, now: string, defaultUser: string | null): void {
  rec.CreatedDate ??= now;
  if (table.has('CreatedById')) rec.CreatedById ??= defaultUser;
  if (table.has('LastModifiedDate')) {
    rec.LastModifiedDate ??= rec.CreatedDate;
    rec.LastModifiedById ??= rec.CreatedById;
  }
  if (table.has('SystemModstamp')) rec.SystemModstamp ??= rec.LastModifiedDate ?? rec.CreatedDate;
  if (table.has('OwnerId')) rec.OwnerId ??= rec.CreatedById ?? defaultUser;
}
