/**
 * The local org's records, written with Salesforce's save semantics: each write reads the client's
 * input (save-checks.ts), runs the object's triggers (triggers.ts), checks the save, stamps the
 * audit fields (stamps.ts) and stores it in the tables (record-tables.ts), where the undo log of
 * allOrNone transactions and the indexes follow every change. Datasets load through
 * dataset-loader.ts; the org's stages come from its OpportunityStage rows (stages.ts).
 */
import { toId18 } from '@dealrisk/salesforce-wire';
import type { DatasetFile, FieldDef, OrgClock, OrgSchema, SRecord } from '../model.js';
import { ActivityArchive } from './archiving.js';
import { loadDataset } from './dataset-loader.js';
import { valueIndex } from './indexes.js';
import { RecordTables } from './record-tables.js';
import { type SaveCheckContext, checkSave, readInput } from './save-checks.js';
import { saveError, saveFailure } from './save-errors.js';
import { stampCreate, stampSystemChange, stampTime, stampUpdate } from './stamps.js';
import { OrgStages } from './stages.js';
import { type Table, blankRecord, fieldFor, uniqueKey } from './table.js';
import { type PicklistUse, type TriggerContext, triggersOf } from './triggers.js';
import { whoRelationViewChildren, whoRelationViewRows } from './who-relations.js';
import { DEFAULT_FIELD_HISTORY_RETENTION_MONTHS, isFieldHistory, retained, retentionCutoff } from './history-retention.js';
import type { DeletedRef, RecordStore, RecordStoreOptions, SaveError, SaveResult, ValidationRule } from './types.js';
import { normaliseDateTime } from '@dealrisk/salesforce-wire';

type Row = Record<string, unknown>;

export class LocalRecordStore implements RecordStore {
  private readonly tables: RecordTables;
  private readonly triggerContext: TriggerContext;
  private readonly checkContext: SaveCheckContext;
  private historyRetentionMonths = DEFAULT_FIELD_HISTORY_RETENTION_MONTHS;
  private readonly archive: ActivityArchive;

  constructor(
    readonly schema: OrgSchema,
    readonly clock: OrgClock,
    options: RecordStoreOptions = {},
  ) {
    this.tables = new RecordTables(schema);
    const stages = new OrgStages(this.tables);
    this.archive = new ActivityArchive(clock, options.archiveAfterDays);
    this.triggerContext = { tables: this.tables, stages, clock, archive: this.archive };
    const rules = new Map<string, ValidationRule[]>();
    for (const rule of options.validationRules ?? []) {
      const key = rule.object.toLowerCase();
      rules.set(key, [...(rules.get(key) ?? []), rule]);
    }
    this.checkContext = { tables: this.tables, rulesOf: (table) => rules.get(table.name.toLowerCase()) ?? [] };
    stages.insertBuiltIn(stampTime(clock));
  }

  // ---------------------------------------------------------------- OrgData (reads)

  archiveActivities(): void {
    this.archive.sweep(this.tables);
  }

  rows(objectName: string): Iterable<SRecord> {
    const rows = whoRelationViewRows(this.tables, objectName) ?? this.tables.table(objectName)?.rows ?? [];
    return isFieldHistory(objectName) ? retained(rows, this.historyCutoff()) : rows;
  }

  byId(id: string): SRecord | undefined {
    const id18 = id.length === 18 ? id : toId18(id);
    return id18 === undefined ? undefined : this.tables.record(id18);
  }

  children(childObject: string, field: string, parentId: string): readonly SRecord[] {
    const table = this.tables.table(childObject);
    const f = table && fieldFor(table, field);
    if (!table || !f) return [];
    const id18 = parentId.length === 18 ? parentId : toId18(parentId);
    if (id18 === undefined) return [];
    const rows = whoRelationViewChildren(this.tables, childObject, f.name, id18) ?? this.tables.children(table, f.name, id18);
    return isFieldHistory(childObject) ? retained(rows, this.historyCutoff()) : rows;
  }

  /** Field history older than this (the dataset's retention, 18 months by default) is not returned. */
  private historyCutoff(): string {
    return retentionCutoff(this.clock.now(), this.historyRetentionMonths);
  }

  retrieve(objectName: string, id: string): SRecord | undefined {
    const table = this.tables.table(objectName);
    const rec = this.byId(id);
    return table && rec && !rec.IsDeleted && this.tables.tableOf(rec) === table ? rec : undefined;
  }

  updatedIds(objectName: string, startIso: string, endIso: string): string[] {
    const table = this.tables.table(objectName);
    const [start, end] = [normaliseDateTime(startIso), normaliseDateTime(endIso)];
    if (!table || start === undefined || end === undefined) return [];
    const stampField = table.has('SystemModstamp') ? 'SystemModstamp' : 'CreatedDate';
    const out: string[] = [];
    for (const rec of table.rows) {
      const stamp = rec[stampField] as string;
      if (!rec.IsDeleted && stamp >= start && stamp <= end) out.push(rec.Id);
    }
    return out;
  }

  deletedRefs(objectName: string, startIso: string, endIso: string): DeletedRef[] {
    const table = this.tables.table(objectName);
    const [start, end] = [normaliseDateTime(startIso), normaliseDateTime(endIso)];
    if (!table || start === undefined || end === undefined) return [];
    const out: DeletedRef[] = [];
    for (const [id, deletedDate] of this.tables.deletions()) {
      if (id.startsWith(table.def.keyPrefix) && deletedDate >= start && deletedDate <= end) out.push({ id, deletedDate });
    }
    return out;
  }

  picklistValues(objectName: string, fieldName: string): readonly string[] | undefined {
    const table = this.tables.table(objectName);
    const f = table && fieldFor(table, fieldName);
    return table && f ? this.picklistOf(table, f, 'describe') : undefined;
  }

  // ---------------------------------------------------------------- writes

  create(objectName: string, fields: Record<string, unknown>, actingUserId: string): SaveResult {
    const table = this.tables.table(objectName);
    if (!table) return saveFailure(null, [saveError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`)]);
    if (!table.def.createable) {
      return saveFailure(null, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be inserted: ${table.def.label}`)]);
    }
    const input = readInput(table, fields, { mode: 'create', picklistOf: (f) => this.picklistOf(table, f, 'write') });
    if (input.errors.length > 0) return saveFailure(null, input.errors);

    const rec: Row = blankRecord(table);
    for (const [name, value] of input.values) rec[name] = value;
    if (table.has('OwnerId') && rec.OwnerId === null) rec.OwnerId = actingUserId;
    const now = stampTime(this.clock);
    const given = new Set(input.values.keys());
    const triggers = triggersOf(table.name);

    const errors = triggers.beforeSave?.(this.triggerContext, rec, undefined, given, now) ?? [];
    if (errors.length > 0) return saveFailure(null, errors);
    const failed = checkSave(this.checkContext, { table, rec, current: undefined, given });
    if (failed) return saveFailure(null, failed);

    rec.Id = this.tables.nextId(table);
    stampCreate(table, rec, now, actingUserId);
    const saved = this.tables.insert(table, rec as SRecord);
    triggers.afterSave?.(this.triggerContext, saved, undefined, now, actingUserId);
    return { id: saved.Id, success: true, errors: [] };
  }

  update(objectName: string, id: string, fields: Record<string, unknown>, actingUserId: string): SaveResult {
    const table = this.tables.table(objectName);
    if (!table) return saveFailure(null, [saveError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`)]);
    const found = this.resolveTarget(table, id);
    if ('error' in found) return saveFailure(null, [found.error]);
    const current = found.rec;
    if (!table.def.updateable) {
      return saveFailure(current.Id, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be updated: ${table.def.label}`)]);
    }
    const input = readInput(table, fields, { mode: 'update', targetId: current.Id, picklistOf: (f) => this.picklistOf(table, f, 'write') });
    if (input.errors.length > 0) return saveFailure(current.Id, input.errors);

    const next: Row = { ...current };
    for (const [name, value] of input.values) next[name] = value;
    const now = stampTime(this.clock);
    const given = new Set(input.values.keys());
    const triggers = triggersOf(table.name);
    const errors = triggers.beforeSave?.(this.triggerContext, next, current, given, now) ?? [];
    if (errors.length > 0) return saveFailure(current.Id, errors);
    const failed = checkSave(this.checkContext, { table, rec: next, current, given });
    if (failed) return saveFailure(current.Id, failed);

    const before: Row = { ...current };
    stampUpdate(table, next, now, actingUserId);
    for (const f of table.fields) if (next[f.name] !== current[f.name]) this.tables.set(table, current, f.name, next[f.name]);
    triggers.afterSave?.(this.triggerContext, current, before, now, actingUserId);
    return { id: current.Id, success: true, errors: [] };
  }

  upsert(
    objectName: string,
    externalIdField: string,
    value: string,
    fields: Record<string, unknown>,
    actingUserId: string,
  ): SaveResult {
    const table = this.tables.table(objectName);
    if (!table) return saveFailure(null, [saveError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`)]);
    const f = table.fieldByLower.get(externalIdField.toLowerCase());
    if (!f || !(f.externalId || f.type === 'id')) {
      return saveFailure(null, [
        saveError('INVALID_FIELD', `Field name provided, ${externalIdField} is not an External ID or indexed field for ${table.name}`),
      ]);
    }
    const body = Object.fromEntries(Object.entries(fields).filter(([key]) => key.toLowerCase() !== f.name.toLowerCase()));
    if (f.type === 'id') {
      if (value === '') return { ...this.create(table.name, body, actingUserId), created: true };
      return { ...this.update(table.name, value, body, actingUserId), created: false };
    }
    const matches = this.matchExternalId(table, f, value);
    if (matches.length > 1) {
      return saveFailure(null, [
        saveError('DUPLICATE_EXTERNAL_ID', `${f.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [f.name]),
      ]);
    }
    if (matches.length === 1) return { ...this.update(table.name, matches[0]!.Id, body, actingUserId), created: false };
    return { ...this.create(table.name, { ...body, [f.name]: value }, actingUserId), created: true };
  }

  delete(id: string, actingUserId: string): SaveResult {
    const id18 = toId18(id);
    if (id18 === undefined) return saveFailure(null, [saveError('MALFORMED_ID', `malformed id ${id}`)]);
    const rec = this.tables.record(id18);
    // Salesforce answers ENTITY_IS_DELETED both for rows in the recycle bin and for ids it never had.
    if (!rec || rec.IsDeleted) return saveFailure(id18, [saveError('ENTITY_IS_DELETED', 'entity is deleted')]);
    const table = this.tables.tableOf(rec);
    if (!table.def.deletable) return saveFailure(id18, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be deleted: ${table.def.label}`)]);
    this.moveToRecycleBin(table, rec, stampTime(this.clock), actingUserId);
    return { id: id18, success: true, errors: [] };
  }

  findByExternalId(objectName: string, fieldName: string, value: string): SRecord[] {
    const table = this.tables.table(objectName);
    const f = table && fieldFor(table, fieldName);
    return table && f ? this.matchExternalId(table, f, value) : [];
  }

  transaction<T>(fn: (rollback: () => void) => T): T {
    return this.tables.transaction(fn);
  }

  loadDataset(dataset: DatasetFile, options: { handOver?: boolean } = {}): void {
    loadDataset(this.triggerContext, dataset, options.handOver ?? false);
    this.historyRetentionMonths = dataset.settings?.fieldHistoryRetentionMonths ?? DEFAULT_FIELD_HISTORY_RETENTION_MONTHS;
  }

  // ---------------------------------------------------------------- helpers

  /** The values a picklist field takes in this org: its object's trigger may take them from the org's data. */
  private picklistOf(table: Table, f: FieldDef, use: PicklistUse): readonly string[] | undefined {
    return triggersOf(table.name).picklist?.(this.triggerContext, f.name, use) ?? f.picklistValues;
  }

  private resolveTarget(table: Table, id: string): { rec: SRecord } | { error: SaveError } {
    const id18 = toId18(id);
    if (id18 === undefined || !id18.startsWith(table.def.keyPrefix)) {
      return { error: saveError('MALFORMED_ID', `${table.def.label} ID: id value of incorrect type: ${id}`, ['Id']) };
    }
    const rec = this.tables.record(id18);
    if (!rec) return { error: saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
    if (rec.IsDeleted) return { error: saveError('ENTITY_IS_DELETED', 'entity is deleted') };
    return { rec };
  }

  private matchExternalId(table: Table, f: FieldDef, value: string): SRecord[] {
    const key = uniqueKey(value);
    const index = valueIndex(table, f.name);
    if (index) return (index.map.get(key) ?? []).filter((r) => !r.IsDeleted);
    return table.rows.filter((r) => !r.IsDeleted && r[f.name] !== null && uniqueKey(r[f.name]) === key);
  }

  /** Recycle bin: the record and the children of its cascading relationships are flagged IsDeleted. */
  private moveToRecycleBin(table: Table, rec: SRecord, now: string, actingUserId: string): void {
    this.tables.set(table, rec, 'IsDeleted', true);
    stampSystemChange(this.tables, table, rec, now);
    this.tables.markDeleted(rec.Id, now);
    for (const rel of table.def.childRelationships) {
      if (!rel.cascadeDelete) continue;
      const childTable = this.tables.table(rel.childSObject)!;
      for (const child of [...this.tables.children(childTable, rel.field, rec.Id)]) {
        if (!child.IsDeleted) this.moveToRecycleBin(childTable, child, now, actingUserId);
      }
    }
    triggersOf(table.name).afterDelete?.(this.triggerContext, rec, now, actingUserId);
  }
}
