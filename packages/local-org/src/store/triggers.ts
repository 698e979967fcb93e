/**
 * The per-object trigger registry: what Salesforce does around a save of each object, beyond
 * storing the client's values. One entry per object, holding the hooks the store calls; an object
 * without an entry just stores its values. Adding behaviour for an object is adding or extending
 * its entry here, never a branch on the object's name in the store.
 */
import type { OrgClock, SRecord } from '../model.js';
import type { ActivityArchive } from './archiving.js';
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
import type { RecordTables } from './record-tables.js';
import { stampCreate } from './stamps.js';
import type { OrgStages } from './stages.js';
import { type Table, blankRecord, fieldFor } from './table.js';
import type { SaveError } from './types.js';

type Row = Record<string, unknown>;

/** What a hook may read and write. */
export interface TriggerContext {
  readonly tables: RecordTables;
  readonly stages: OrgStages;
  readonly clock: OrgClock;
  readonly archive: ActivityArchive;
}

/** Who asks for a picklist's values: a client's write, a trusted dataset load, or describe. */
export type PicklistUse = 'write' | 'load' | 'describe';

/** The hooks of one object. Every hook is optional. */
export interface ObjectTriggers {
  /**
   * Before a client's save, once its values are converted: derives read-only fields on `rec` (the
   * record as it will be saved; `old` is the stored one on update, `given` the fields the client
   * set). Errors fail the save before any other check.
   */
  beforeSave?(ctx: TriggerContext, rec: Row, old: SRecord | undefined, given: ReadonlySet<string>, now: string): SaveError[];
  /** After the save is stored (`before`: the record as it was, on update): side effects on other rows. */
  afterSave?(ctx: TriggerContext, rec: SRecord, before: Readonly<Row> | undefined, now: string, actingUserId: string): void;
  /** After the record went to the recycle bin (also when a parent's delete cascaded to it). */
  afterDelete?(ctx: TriggerContext, rec: SRecord, now: string, actingUserId: string): void;
  /** Before any row of a dataset loads, when the dataset lists rows of this object. */
  beforeLoad?(ctx: TriggerContext, rows: readonly Row[]): void;
  /**
   * A trusted dataset row, converted and with its audit fields filled in, before it is stored:
   * derives what a dataset may leave out (`raw` is the row as the dataset has it). A returned
   * text fails the load for this row.
   */
  onLoad?(ctx: TriggerContext, rec: Row, raw: Readonly<Row>, table: Table, now: string): string | undefined;
  /** Once every row of the dataset is in and its references checked: this object's new rows. */
  afterLoad?(ctx: TriggerContext, loaded: readonly SRecord[]): void;
  /** Once per dataset, after every afterLoad; a function several objects share runs once. */
  afterDatasetLoad?: (ctx: TriggerContext) => void;
  /** A field's values where the org's data defines them rather than the schema (undefined: the schema's). */
  picklist?(ctx: TriggerContext, fieldName: string, use: PicklistUse): readonly string[] | undefined;
}

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

/** The parts Tasks and Events share: AccountId from What/Who, and the roll-ups on the records they point at. */
const activity = {
  afterSave(ctx, rec, before) {
    refreshActivityRollups(ctx.tables, ctx.clock.now(), [rec.WhatId, rec.WhoId, before?.WhatId, before?.WhoId]);
  },
  afterDelete(ctx, rec) {
    refreshActivityRollups(ctx.tables, ctx.clock.now(), [rec.WhatId, rec.WhoId]);
  },
  afterLoad(ctx, loaded) {
    for (const rec of loaded) rec.AccountId ??= activityAccountId(rec, (id) => ctx.tables.record(id));
  },
  afterDatasetLoad: (ctx) => refreshAllActivityRollups(ctx.tables, ctx.clock.now()),
} satisfies ObjectTriggers;

const task: ObjectTriggers = {
  ...activity,
  beforeSave(ctx, rec, old, _given, now) {
    deriveTask(rec, old, now);
    rec.AccountId = activityAccountId(rec, (id) => ctx.tables.record(id));
    ctx.archive.mark(rec, true, now);
    return [];
  },
  onLoad(ctx, rec, _raw, _table, now) {
    deriveTask(rec, undefined, now, true);
    ctx.archive.mark(rec, true, now);
    return undefined;
  },
};

const event: ObjectTriggers = {
  ...activity,
  beforeSave(ctx, rec, _old, given, now) {
    const errors = deriveEvent(rec, given);
    rec.AccountId = activityAccountId(rec, (id) => ctx.tables.record(id));
    ctx.archive.mark(rec, false, now);
    return errors;
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
