/**
 * Shared Activities around a save (schema/shared-activities.ts): an activity's WhoId and WhatId
 * each have their relation row, an activity relates to one lead or up to 50 contacts, and deleting
 * the primary's relation promotes another person to WhoId ("another Who, if any, … will be
 * promoted to the WhoId", EventRelation in the Object Reference). The activity triggers
 * (triggers.ts) and the relation objects' triggers call these.
 */
import { KEY_PREFIX } from '../ids.js';
import type { SRecord } from '../model.js';
import { MAX_ACTIVITY_CONTACTS } from '../schema/shared-activities.js';
import { refreshActivityRollups } from './activity-rollups.js';
import type { RecordTables } from './record-tables.js';
import { saveError } from './save-errors.js';
import { stampCreate, stampSystemChange } from './stamps.js';
import { type Table, blankRecord } from './table.js';
import type { ObjectTriggers, TriggerContext } from './trigger-types.js';
import type { SaveError } from './types.js';
import { isWhoRelation, personType } from './who-relations.js';

type Row = Record<string, unknown>;

/** The relation object of an activity object, and its field naming the activity. */
const RELATION_OF: Readonly<Record<string, { relation: 'TaskRelation' | 'EventRelation'; field: 'TaskId' | 'EventId' }>> = {
  Task: { relation: 'TaskRelation', field: 'TaskId' },
  Event: { relation: 'EventRelation', field: 'EventId' },
};
const ACTIVITY_OF: Readonly<Record<string, { activity: 'Task' | 'Event'; field: 'TaskId' | 'EventId' }>> = {
  TaskRelation: { activity: 'Task', field: 'TaskId' },
  EventRelation: { activity: 'Event', field: 'EventId' },
};

const tooManyPeople = (): SaveError =>
  saveError('FIELD_INTEGRITY_EXCEPTION', `An activity can be related to one lead or up to ${MAX_ACTIVITY_CONTACTS} contacts`, ['RelationId']);

/** The live relation rows of an activity. */
function relationsOf(tables: RecordTables, activityObject: string, activityId: string): SRecord[] {
  const { relation, field } = RELATION_OF[activityObject]!;
  return tables.children(tables.table(relation)!, field, activityId).filter((row) => !row.IsDeleted);
}

/** Refuses a set of people that is neither one lead nor at most 50 contacts. */
function checkPeople(people: readonly unknown[]): SaveError | undefined {
  const types = people.map(personType);
  if (types.includes('Lead') && people.length > 1) return tooManyPeople();
  return people.length > MAX_ACTIVITY_CONTACTS ? tooManyPeople() : undefined;
}

/** The AccountId of a relation: the contact's account, the account itself, the opportunity's account. */
function relationAccountId(tables: RecordTables, relationId: unknown): string | null {
  const target = typeof relationId === 'string' ? tables.record(relationId) : undefined;
  if (!target) return null;
  if (target.Id.startsWith(KEY_PREFIX.Account)) return target.Id;
  return typeof target.AccountId === 'string' ? target.AccountId : null;
}

/** A relation row the system writes for an activity's WhoId or WhatId. */
function insertRelation(ctx: TriggerContext, activityObject: string, activity: SRecord, relationId: string, isWhat: boolean, now: string, userId: string): void {
  const { relation, field } = RELATION_OF[activityObject]!;
  const table = ctx.tables.table(relation)!;
  const rec: Row = blankRecord(table);
  rec[field] = activity.Id;
  rec.RelationId = relationId;
  rec.IsWhat = isWhat;
  if (table.has('IsParent')) rec.IsParent = !isWhat;
  rec.AccountId = relationAccountId(ctx.tables, relationId);
  rec.Id = ctx.tables.nextId(table);
  stampCreate(table, rec, now, userId);
  ctx.tables.insert(table, rec as SRecord);
}

/** Moves a relation row to the recycle bin as the system does when its activity field changes. */
function dropRelation(ctx: TriggerContext, row: SRecord, now: string): void {
  const table = ctx.tables.tableOf(row);
  ctx.tables.set(table, row, 'IsDeleted', true);
  stampSystemChange(ctx.tables, table, row, now);
  ctx.tables.markDeleted(row.Id, now);
}

/** Keeps the relation rows of the activity's WhoId and WhatId in step with them after a save. */
function syncPrimaryRelations(ctx: TriggerContext, table: Table, rec: SRecord, before: Readonly<Row> | undefined, now: string, userId: string): void {
  const relations = relationsOf(ctx.tables, table.name, rec.Id);
  for (const [field, isWhat] of [['WhoId', false], ['WhatId', true]] as const) {
    const old = before?.[field];
    const current = rec[field];
    if (old === current && before !== undefined) continue;
    if (typeof old === 'string' && old !== current) {
      const stale = relations.find((row) => row.RelationId === old);
      if (stale) dropRelation(ctx, stale, now);
    }
    if (typeof current === 'string' && !relations.some((row) => row.RelationId === current)) insertRelation(ctx, table.name, rec, current, isWhat, now, userId);
  }
}

/** Task and Event: a lead as WhoId stands alone (no other person, no WhatId); relations follow WhoId and WhatId. */
export const sharedActivityHooks = {
  beforeSave(ctx: TriggerContext, rec: Row, old: SRecord | undefined): SaveError[] {
    if (personType(rec.WhoId) === 'Lead' && rec.WhatId !== null && rec.WhatId !== undefined) {
      return [saveError('FIELD_INTEGRITY_EXCEPTION', 'An activity whose Name is a lead cannot be related to another record (WhatId)', ['WhatId'])];
    }
    if (!old) return [];
    const others = relationsOf(ctx.tables, ctx.tables.tableOf(old).name, old.Id).filter((row) => isPerson(row) && row.RelationId !== old.WhoId);
    const people = [...new Set([...others.map((row) => row.RelationId), ...(rec.WhoId ? [rec.WhoId] : [])])];
    const problem = checkPeople(people);
    return problem ? [problem] : [];
  },
  afterSave(ctx: TriggerContext, rec: SRecord, before: Readonly<Row> | undefined, now: string, userId: string): void {
    syncPrimaryRelations(ctx, ctx.tables.tableOf(rec), rec, before, now, userId);
  },
  /** A dataset's activities get the relation rows of their WhoId and WhatId the dataset does not list, created with the activity. */
  afterLoad(ctx: TriggerContext, loaded: readonly SRecord[]): void {
    for (const rec of loaded) {
      if (!rec.IsDeleted) syncPrimaryRelations(ctx, ctx.tables.tableOf(rec), rec, undefined, rec.CreatedDate as string, rec.CreatedById as string);
    }
  },
};

/** A who relation to a contact or lead (not a user invitee, not the What). */
function isPerson(row: Readonly<Row>): boolean {
  return isWhoRelation(row as SRecord) && personType(row.RelationId) !== null;
}

/** The activity a relation row belongs to (live), if any. */
function activityOf(ctx: TriggerContext, rec: Readonly<Row>, relationObject: string): SRecord | undefined {
  const id = rec[ACTIVITY_OF[relationObject]!.field];
  const activity = typeof id === 'string' ? ctx.tables.record(id) : undefined;
  return activity && !activity.IsDeleted ? activity : undefined;
}

/** Sets a field of an activity as the system does (no LastModifiedDate), refreshing roll-ups. */
function setActivityField(ctx: TriggerContext, activity: SRecord, field: 'WhoId' | 'WhatId', value: string | null, now: string): void {
  const before = activity[field];
  const table = ctx.tables.tableOf(activity);
  ctx.tables.set(table, activity, field, value);
  stampSystemChange(ctx.tables, table, activity, now);
  refreshActivityRollups(ctx.tables, ctx.clock.now(), [before, value]);
}

/** TaskRelation and EventRelation: derived IsWhat and AccountId, the people limit, WhoId promotion. */
/** IsWhat from RelationId, AccountId from its record; a contact or lead added to an event without saying how is a parent (who) relation. */
function deriveRelation(ctx: TriggerContext, rec: Row, relationObject: string, given: ReadonlySet<string>): void {
  const person = personType(rec.RelationId) !== null;
  rec.IsWhat = !person && !(typeof rec.RelationId === 'string' && rec.RelationId.startsWith(KEY_PREFIX.User));
  if (relationObject === 'EventRelation' && person && !given.has('IsParent') && !given.has('IsInvitee')) rec.IsParent = true;
  rec.AccountId = relationAccountId(ctx.tables, rec.RelationId);
}

function relationTriggers(relationObject: 'TaskRelation' | 'EventRelation'): ObjectTriggers {
  return {
    onLoad(ctx, rec, raw) {
      deriveRelation(ctx, rec, relationObject, new Set(Object.keys(raw)));
      return undefined;
    },
    beforeSave(ctx, rec, old, given) {
      deriveRelation(ctx, rec, relationObject, old ? new Set(['IsParent']) : given);
      const activity = activityOf(ctx, rec, relationObject);
      if (!activity || old) return [];
      const existing = relationsOf(ctx.tables, ACTIVITY_OF[relationObject]!.activity, activity.Id);
      if (existing.some((row) => row.RelationId === rec.RelationId)) {
        return [saveError('DUPLICATE_VALUE', `duplicate value found: RelationId duplicates value on record with id: ${existing.find((row) => row.RelationId === rec.RelationId)!.Id}`, ['RelationId'])];
      }
      if (!isPerson(rec)) return [];
      const problem = checkPeople([...existing.filter(isPerson).map((row) => row.RelationId), rec.RelationId]);
      return problem ? [problem] : [];
    },
    afterSave(ctx, rec, _before, now) {
      const activity = activityOf(ctx, rec, relationObject);
      if (!activity) return;
      if (isPerson(rec) && activity.WhoId === null) setActivityField(ctx, activity, 'WhoId', rec.RelationId as string, now);
      if (rec.IsWhat === true && activity.WhatId === null) setActivityField(ctx, activity, 'WhatId', rec.RelationId as string, now);
    },
    afterDelete(ctx, rec, now) {
      const activity = activityOf(ctx, rec, relationObject);
      if (!activity) return;
      if (activity.WhatId === rec.RelationId) setActivityField(ctx, activity, 'WhatId', null, now);
      if (activity.WhoId !== rec.RelationId) return;
      const next = relationsOf(ctx.tables, ACTIVITY_OF[relationObject]!.activity, activity.Id).find(isPerson);
      setActivityField(ctx, activity, 'WhoId', (next?.RelationId as string | undefined) ?? null, now);
    },
  };
}

export const TASK_RELATION_TRIGGERS = relationTriggers('TaskRelation');
export const EVENT_RELATION_TRIGGERS = relationTriggers('EventRelation');
