/**
 * Archived activities (SOAP API Developer Guide, queryAll(); Object Reference, Task and Event):
 * Events older than 365 days and closed Tasks due (or, without a due date, created) more than
 * 365 days ago are archived, `IsArchived = true`. query() then leaves them out, queryAll() returns
 * them. Salesforce archives in a background run; the local org archives a row as soon as it is
 * old enough (on save, on load, and when the org's day turns), the stricter reading.
 */
import { toWireDate } from '@dealrisk/salesforce-wire';
import type { OrgClock } from '../model.js';
import type { RecordTables } from './record-tables.js';

/** Salesforce's archive age. */
export const DEFAULT_ARCHIVE_AFTER_DAYS = 365;
const DAY_MS = 86_400_000;

type Row = Readonly<Record<string, unknown>>;

/** The day an activity's age is counted from: a Task's due date, an Event's day; else its creation day. */
function activityDay(row: Row, now: string): string {
  if (typeof row.ActivityDate === 'string') return row.ActivityDate;
  const created = typeof row.CreatedDate === 'string' ? row.CreatedDate : now;
  return created.slice(0, 10);
}

/** Whether a Task (`isTask`) or Event row is archived when activities before `cutoff` (a day) are. */
export function isArchivedActivity(row: Row, isTask: boolean, cutoff: string, now: string): boolean {
  if (isTask && row.IsClosed !== true) return false;
  return activityDay(row, now) < cutoff;
}

/** Keeps IsArchived on Tasks and Events as the org clock moves. */
export class ActivityArchive {
  private sweptCutoff: string | undefined;

  constructor(
    private readonly clock: OrgClock,
    readonly afterDays: number = DEFAULT_ARCHIVE_AFTER_DAYS,
  ) {}

  /** The first day that is not archived: today minus the archive age. */
  cutoff(): string {
    return toWireDate(new Date(this.clock.now().getTime() - this.afterDays * DAY_MS));
  }

  /** Sets IsArchived on a Task or Event about to be saved or loaded (`now`: the save's time). */
  mark(rec: Record<string, unknown>, isTask: boolean, now: string): void {
    rec.IsArchived = isArchivedActivity(rec, isTask, this.cutoff(), now);
  }

  /** Archives what has become old enough since the last run (once per org day; no audit stamps, as a system job). */
  sweep(tables: RecordTables): void {
    const cutoff = this.cutoff();
    if (cutoff === this.sweptCutoff) return;
    this.sweptCutoff = cutoff;
    const now = this.clock.now().toISOString();
    for (const [name, isTask] of [['Task', true], ['Event', false]] as const) {
      const table = tables.table(name)!;
      for (const rec of table.rows) {
        const archived = isArchivedActivity(rec, isTask, cutoff, now);
        if (rec.IsArchived !== archived) tables.set(table, rec, 'IsArchived', archived);
      }
    }
  }
}
