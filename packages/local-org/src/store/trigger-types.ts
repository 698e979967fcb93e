/** The shapes of the per-object trigger registry (see triggers.ts), apart so trigger modules can share them. */
import type { OrgClock, SRecord } from '../model.js';
import type { ActivityArchive } from './archiving.js';
import type { RecordTables } from './record-tables.js';
import type { OrgStages } from './stages.js';
import type { Table } from './table.js';
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
