/**
 * The rows of the ActivityHistory and OpenActivity views (schema/activity-views.ts) under one
 * parent: its Tasks and Events, split by whether they are done. A Task is history once closed; an
 * Event once it has ended on the org clock (the Object Reference says "past events" and "future
 * events"; an event under way counts as open, the stricter reading for a client that acts on
 * open activities).
 */
import { toWireDateTime } from '@dealrisk/salesforce-wire';
import type { SObjectDef, SRecord } from '../model.js';
import { ACTIVITY_VIEWS, isActivityView } from '../schema/activity-views.js';
import type { ExecContext } from './evaluate.js';

/** Whether an activity row belongs in ActivityHistory (done) rather than OpenActivity. */
function isDone(row: SRecord, isTask: boolean, now: string): boolean {
  if (isTask) return row.IsClosed === true;
  return typeof row.EndDateTime === 'string' && row.EndDateTime <= now;
}

/** A Task or Event as a view row: its shared fields by name, and what kind of activity it is. */
function viewRow(view: SObjectDef, row: SRecord, isTask: boolean, done: boolean): SRecord {
  const out: Record<string, unknown> = {};
  for (const field of view.fields) out[field.name] = row[field.name] ?? null;
  out.IsTask = isTask;
  out.IsClosed = done;
  out.ActivitySubtype = (isTask ? row.TaskSubtype : row.EventSubtype) ?? (isTask ? 'Task' : 'Event');
  out.ActivityType = row.Type ?? null;
  if (isTask) out.IsAllDayEvent = false;
  return out as SRecord;
}

/**
 * The rows a child subquery reads for one parent: the indexed children, or for an activity view
 * the parent's Tasks and Events that the view shows (deleted ones included, flagged, as any child set).
 */
export function childRows(view: SObjectDef, parentField: string, parentId: string, ctx: ExecContext): readonly SRecord[] {
  if (!isActivityView(view.name)) return ctx.data.children(view.name, parentField, parentId);
  const wantDone = ACTIVITY_VIEWS[view.name].shows === 'closed';
  const now = toWireDateTime(ctx.data.clock.now());
  const rows: SRecord[] = [];
  for (const [object, isTask] of [['Task', true], ['Event', false]] as const) {
    for (const row of ctx.data.children(object, parentField, parentId)) {
      if (row.IsArchived === true && !ctx.includeDeleted) continue;
      const done = isDone(row, isTask, now);
      if (done === wantDone) rows.push(viewRow(view, row, isTask, done));
    }
  }
  return rows;
}
