/**
 * The activity roll-ups Salesforce keeps on a Task's or Event's related records (LastActivityDate;
 * on Opportunity also HasOpenActivity and HasOverdueTask), recomputed whenever an activity changes.
 */
import type { SRecord } from '../model.js';
import type { RecordTables } from './record-tables.js';
import type { Table } from './table.js';
import { toWireDate, toWireDateTime } from '@dealrisk/salesforce-wire';

/** The objects whose rows roll up onto their related records. */
const ACTIVITY_OBJECTS = ['Task', 'Event'] as const;

/** Activity roll-ups Salesforce keeps on the related record. */
export interface ActivityRollup {
  LastActivityDate: string | null;
  HasOpenActivity: boolean;
  HasOverdueTask: boolean;
}

/**
 * LastActivityDate is the latest of closed tasks' due dates and events' dates; an open task or a
 * future event makes an open activity; an open task due before today is overdue.
 */
export function activityRollup(tasks: readonly SRecord[], events: readonly SRecord[], now: Date): ActivityRollup {
  const today = toWireDate(now);
  const nowWire = toWireDateTime(now);
  let last: string | null = null;
  let open = false;
  let overdue = false;
  for (const t of tasks) {
    if (t.IsDeleted) continue;
    const due = t.ActivityDate as string | null;
    if (t.IsClosed === true) {
      if (due !== null && (last === null || due > last)) last = due;
    } else {
      open = true;
      if (due !== null && due < today) overdue = true;
    }
  }
  for (const e of events) {
    if (e.IsDeleted) continue;
    const day = e.ActivityDate as string | null;
    if (day !== null && (last === null || day > last)) last = day;
    const end = (e.EndDateTime ?? e.StartDateTime) as string | null;
    if (end !== null && end >= nowWire) open = true;
  }
  return { LastActivityDate: last, HasOpenActivity: open, HasOverdueTask: overdue };
}

/**
 * Recomputes the roll-ups of the records with the given ids (non-strings and unknown ids are
 * skipped). A changed roll-up is a system update: with `stamp` (a save's time) it moves the
 * record's SystemModstamp, never its LastModifiedDate or LastModifiedById.
 */
export function refreshActivityRollups(tables: RecordTables, now: Date, ids: Iterable<unknown>, stamp?: string): void {
  const [tasks, events] = ACTIVITY_OBJECTS.map((name) => tables.table(name)!);
  for (const id of new Set(ids)) {
    if (typeof id !== 'string') continue;
    const parent = tables.record(id);
    if (!parent) continue;
    const parentTable = tables.tableOf(parent);
    const rollup = activityRollup(
      tables.children(tasks!, activityField(parentTable, 'Task'), id),
      tables.children(events!, activityField(parentTable, 'Event'), id),
      now,
    );
    let changed = false;
    for (const [name, value] of Object.entries(rollup)) {
      if (parentTable.has(name) && parent[name] !== value) {
        tables.set(parentTable, parent, name, value);
        changed = true;
      }
    }
    if (changed && stamp !== undefined && parentTable.has('SystemModstamp')) tables.set(parentTable, parent, 'SystemModstamp', stamp);
  }
}

/** Recomputes the roll-ups of every record an activity points at (after a dataset load). */
export function refreshAllActivityRollups(tables: RecordTables, now: Date): void {
  const parents = new Set<string>();
  for (const name of ACTIVITY_OBJECTS) {
    for (const rec of tables.table(name)!.rows) {
      if (typeof rec.WhatId === 'string') parents.add(rec.WhatId);
      if (typeof rec.WhoId === 'string') parents.add(rec.WhoId);
    }
  }
  refreshActivityRollups(tables, now, parents);
}

/** The activity field that points at a record of `parent`: its Tasks/Events relationship's (WhoId for a Contact, else WhatId). */
function activityField(parent: Table, activityObject: string): string {
  return parent.def.childRelationships.find((rel) => rel.childSObject === activityObject)?.field ?? 'WhatId';
}
