/**
 * The per-object trigger registry: what Salesforce does around a save of each object, beyond
 * storing the client's values. One entry per object, holding the hooks the store calls; an object
 * without an entry just stores its values. Adding behaviour for an object is adding or extending
 * its entry here, never a branch on the object's name in the store.
 */
import type { SRecord } from '../model.js';
import { refreshActivityRollups, refreshAllActivityRollups } from './activity-rollups.js';
import {
  HISTORY_TRIGGER_FIELDS,
  activityAccountId,
  compoundName,
  deriveEvent,
  deriveOpportunity,
  deriveTask,
  fieldHistoryFields,
  opportunityHistoryFields,
} from './derivations.js';
import { EVENT_RELATION_TRIGGERS, TASK_RELATION_TRIGGERS, sharedActivityHooks } from './shared-activity-triggers.js';
import { stampCreate } from './stamps.js';
import { blankRecord, fieldFor } from './table.js';
import type { ObjectTriggers, PicklistUse, TriggerContext } from './trigger-types.js';

export type { ObjectTriggers, PicklistUse, TriggerContext } from './trigger-types.js';

type Row = Record<string, unknown>;

const NO_TRIGGERS: ObjectTriggers = {};
const NOTHING_GIVEN: ReadonlySet<string> = new Set();

/** The hooks of the object (canonical name); an object without an entry has none. */
export function triggersOf(objectName: string): ObjectTriggers {
  return OBJECT_TRIGGERS[objectName] ?? NO_TRIGGERS;
}

/** StageName's values come from the org's OpportunityStage rows (stored history may hold inactive ones). */
function stagePicklist(ctx: TriggerContext, fieldName: string, use: PicklistUse): readonly string[] | undefined {
  if (fieldName !== 'StageName') return undefined;
  if (use === 'write') return ctx.stages.activeNames();
  return use === 'load' ? ctx.stages.allNames() : ctx.stages.picklist();
}

const opportunity: ObjectTriggers = {
  beforeSave(ctx, rec, old, given, now) {
    const stage = ctx.stages.byName(rec.StageName as string);
    if (stage) deriveOpportunity(rec, old, given, stage, now);
    return [];
  },
  onLoad(ctx, rec, _raw, _table, now) {
    const stage = ctx.stages.byName(rec.StageName as string);
    if (!stage) return `StageName ${String(rec.StageName)} is not an OpportunityStage`;
    deriveOpportunity(rec, undefined, NOTHING_GIVEN, stage, now, true);
    return undefined;
  },
  /** Salesforce writes an OpportunityHistory row when a forecast field changes, and field history rows. */
  afterSave(ctx, rec, before, now, actingUserId) {
    const changed = before === undefined || HISTORY_TRIGGER_FIELDS.some((name) => before[name] !== rec[name]);
    if (changed) insertSystemRow(ctx, 'OpportunityHistory', opportunityHistoryFields(rec, before), now, actingUserId);
    const tracked = ctx.tables.table('Opportunity')!.fields.filter((f) => f.trackHistory);
    for (const row of fieldHistoryFields(rec, before, tracked)) insertSystemRow(ctx, 'OpportunityFieldHistory', row, now, actingUserId);
  },
  picklist: stagePicklist,
};

/**
 * The parts Tasks and Events share: AccountId from What/Who, the roll-ups on the records they point
 * at, and their relation rows (Shared Activities).
 */
const activity = {
  afterSave(ctx, rec, before, now, actingUserId) {
    sharedActivityHooks.afterSave(ctx, rec, before, now, actingUserId);
    refreshActivityRollups(ctx.tables, ctx.clock.now(), [rec.WhatId, rec.WhoId, before?.WhatId, before?.WhoId], now);
  },
  afterDelete(ctx, rec, now) {
    refreshActivityRollups(ctx.tables, ctx.clock.now(), [rec.WhatId, rec.WhoId], now);
  },
  afterLoad(ctx, loaded) {
    for (const rec of loaded) rec.AccountId ??= activityAccountId(rec, (id) => ctx.tables.record(id));
    sharedActivityHooks.afterLoad(ctx, loaded);
  },
  afterDatasetLoad: (ctx) => refreshAllActivityRollups(ctx.tables, ctx.clock.now()),
} satisfies ObjectTriggers;

const task: ObjectTriggers = {
  ...activity,
  beforeSave(ctx, rec, old, _given, now) {
    deriveTask(rec, old, now);
    rec.AccountId = activityAccountId(rec, (id) => ctx.tables.record(id));
    ctx.archive.mark(rec, true, now);
    return sharedActivityHooks.beforeSave(ctx, rec, old);
  },
  onLoad(ctx, rec, _raw, _table, now) {
    deriveTask(rec, undefined, now, true);
    ctx.archive.mark(rec, true, now);
    return undefined;
  },
};

const event: ObjectTriggers = {
  ...activity,
  beforeSave(ctx, rec, old, given, now) {
    const errors = deriveEvent(rec, given);
    rec.AccountId = activityAccountId(rec, (id) => ctx.tables.record(id));
    ctx.archive.mark(rec, false, now);
    return errors.length > 0 ? errors : sharedActivityHooks.beforeSave(ctx, rec, old);
  },
  onLoad(ctx, rec, raw, table, now) {
    const given = new Set(Object.keys(raw).map((key) => fieldFor(table, key)?.name ?? key));
    const error = deriveEvent(rec, given)[0]?.message;
    ctx.archive.mark(rec, false, now);
    return error;
  },
};

/** Contact and User: Name is the read-only compound of FirstName and LastName. */
const person: ObjectTriggers = {
  beforeSave(_ctx, rec) {
    rec.Name = compoundName(rec);
    return [];
  },
  onLoad(_ctx, rec) {
    rec.Name ??= compoundName(rec);
    return undefined;
  },
};

const OBJECT_TRIGGERS: Readonly<Record<string, ObjectTriggers>> = {
  Opportunity: opportunity,
  OpportunityHistory: { picklist: (ctx, fieldName, use) => (use === 'describe' ? stagePicklist(ctx, fieldName, use) : undefined) },
  /** A dataset's stages replace the built-in picklist (before anything loads, as Opportunities depend on them). */
  OpportunityStage: {
    beforeLoad(ctx, rows) {
      if (rows.length > 0) ctx.stages.makeRoomForDatasetStages();
    },
  },
  /** An opportunity has one primary contact role: marking one primary clears the others. */
  OpportunityContactRole: {
    afterSave(ctx, rec) {
      if (rec.IsPrimary !== true || typeof rec.OpportunityId !== 'string') return;
      const table = ctx.tables.tableOf(rec);
      for (const other of ctx.tables.children(table, 'OpportunityId', rec.OpportunityId)) {
        if (other !== rec && other.IsPrimary === true && !other.IsDeleted) ctx.tables.set(table, other, 'IsPrimary', false);
      }
    },
  },
  Task: task,
  Event: event,
  Contact: person,
  User: person,
  Lead: person,
  TaskRelation: TASK_RELATION_TRIGGERS,
  EventRelation: EVENT_RELATION_TRIGGERS,
};

/** A row the system writes (history), created now by the acting user. */
function insertSystemRow(ctx: TriggerContext, objectName: string, fields: Row, now: string, actingUserId: string): void {
  const table = ctx.tables.table(objectName)!;
  const rec: Row = blankRecord(table);
  for (const [key, value] of Object.entries(fields)) rec[key] = value;
  rec.Id = ctx.tables.nextId(table);
  stampCreate(table, rec, now, actingUserId);
  ctx.tables.insert(table, rec as SRecord);
}
