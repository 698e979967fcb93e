/**
 * The local org's records in memory, written with Salesforce's save semantics: per-field
 * validation with Salesforce's status codes, system fields, Opportunity/Task/Event triggers,
 * history rows, a recycle bin, unique values and an undo log for allOrNone transactions.
 *
 * Storage is lean on purpose (100k opportunities and millions of related rows): one plain object
 * per record with the same keys in the same order (shared hidden classes), one id map, and
 * children indexes as Map<parentId, rows[]> per reference field.
 */
import { makeId, sequenceOf } from '../ids.js';
import { toId18 } from '@dealrisk/salesforce-wire';
import { DATASET_OBJECT_ORDER, type DatasetFile, type FieldDef, type OrgClock, type OrgSchema, type SRecord } from '../model.js';
import { standardStageRows } from '../schema/standard-objects.js';
import { type FieldIndex, type Table, blankRecord, createTable, fieldFor, uniqueKey } from './table.js';
import {
  type StageInfo,
  HISTORY_TRIGGER_FIELDS,
  activityAccountId,
  activityRollup,
  compoundName,
  deriveEvent,
  deriveOpportunity,
  deriveTask,
  fieldHistoryFields,
  opportunityHistoryFields,
  stageInfosFromRows,
  standardStageInfos,
} from './triggers.js';
import { DatasetLoadError } from '../errors/dataset-load-error.js';
import { requiredFieldsMissing, saveError, saveFailure } from './save-errors.js';
import type { DeletedRef, RecordStore, RecordStoreOptions, SaveError, SaveResult, ValidationRule } from './types.js';
import { NEEDS_CONVERSION, convertValue, fastValue } from './values.js';
import { normaliseDateTime, toWireDateTime } from '@dealrisk/salesforce-wire';

type Row = Record<string, unknown>;

type UndoEntry =
  | { kind: 'set'; table: Table; rec: SRecord; field: string; old: unknown }
  | { kind: 'insert'; table: Table; rec: SRecord }
  | { kind: 'deleted'; id: string };

// Sequences above this would lose precision as numbers; such ids (real-org ids) are kept but not continued.
const MAX_TRACKED_SEQUENCE = 2 ** 48;

export class LocalRecordStore implements RecordStore {
  private readonly tables = new Map<string, Table>();
  private readonly tablesByPrefix = new Map<string, Table>();
  private readonly records = new Map<string, SRecord>();
  private readonly sequences = new Map<string, number>();
  private readonly deletedAt = new Map<string, string>();
  private readonly rules = new Map<string, ValidationRule[]>();
  private undoLog: UndoEntry[] | null = null;
  /** The org's stages, derived from OpportunityStage rows; reset whenever those rows change. */
  private stageCache: { byName: Map<string, StageInfo>; allNames: string[]; activeNames: string[] } | undefined;
  /** True while OpportunityStage holds the built-in picklist (a dataset may replace it). */
  private builtInStages = true;

  constructor(
    readonly schema: OrgSchema,
    readonly clock: OrgClock,
    options: RecordStoreOptions = {},
  ) {
    for (const def of schema.objects()) {
      const table = createTable(def);
      this.tables.set(def.name.toLowerCase(), table);
      this.tablesByPrefix.set(def.keyPrefix, table);
    }
    // Child relationship fields are indexed from the start: SOQL child subqueries depend on them.
    for (const def of schema.objects()) {
      for (const rel of def.childRelationships) {
        const child = this.tables.get(rel.childSObject.toLowerCase());
        if (child && !child.childIndexes.some((i) => i.field === rel.field)) {
          child.childIndexes.push({ field: rel.field, unique: false, map: new Map() });
        }
      }
    }
    for (const rule of options.validationRules ?? []) {
      const key = rule.object.toLowerCase();
      this.rules.set(key, [...(this.rules.get(key) ?? []), rule]);
    }
    this.insertBuiltInStages();
  }

  // ---------------------------------------------------------------- OrgData (reads)

  rows(objectName: string): Iterable<SRecord> {
    return this.tables.get(objectName.toLowerCase())?.rows ?? [];
  }

  byId(id: string): SRecord | undefined {
    const id18 = id.length === 18 ? id : toId18(id);
    return id18 === undefined ? undefined : this.records.get(id18);
  }

  children(childObject: string, field: string, parentId: string): readonly SRecord[] {
    const table = this.tables.get(childObject.toLowerCase());
    const f = table && fieldFor(table, field);
    if (!table || !f) return [];
    const index = table.childIndexes.find((i) => i.field === f.name) ?? this.buildChildIndex(table, f.name);
    const id18 = parentId.length === 18 ? parentId : toId18(parentId);
    return (id18 !== undefined && index.map.get(id18)) || [];
  }

  retrieve(objectName: string, id: string): SRecord | undefined {
    const table = this.tables.get(objectName.toLowerCase());
    const rec = this.byId(id);
    return table && rec && !rec.IsDeleted && this.tableOf(rec) === table ? rec : undefined;
  }

  updatedIds(objectName: string, startIso: string, endIso: string): string[] {
    const table = this.tables.get(objectName.toLowerCase());
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
    const table = this.tables.get(objectName.toLowerCase());
    const [start, end] = [normaliseDateTime(startIso), normaliseDateTime(endIso)];
    if (!table || start === undefined || end === undefined) return [];
    const out: DeletedRef[] = [];
    for (const [id, deletedDate] of this.deletedAt) {
      if (id.startsWith(table.def.keyPrefix) && deletedDate >= start && deletedDate <= end) out.push({ id, deletedDate });
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  create(objectName: string, fields: Record<string, unknown>, actingUserId: string): SaveResult {
    const table = this.tables.get(objectName.toLowerCase());
    if (!table) return saveFailure(null, [saveError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`)]);
    if (!table.def.createable) {
      return saveFailure(null, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be inserted: ${table.def.label}`)]);
    }
    const input = this.readInput(table, fields, 'create');
    if (input.errors.length > 0) return saveFailure(null, input.errors);

    const rec: Row = blankRecord(table);
    for (const [name, value] of input.values) rec[name] = value;
    if (table.has('OwnerId') && rec.OwnerId === null) rec.OwnerId = actingUserId;
    const now = toWireDateTime(this.clock.now());
    const given = new Set(input.values.keys());

    const errors = this.beforeSave(table, rec, undefined, given, now);
    if (errors.length > 0) return saveFailure(null, errors);
    const missing = table.fields.filter((f) => f.createable && !f.nillable && rec[f.name] === null).map((f) => f.name);
    if (missing.length > 0) return saveFailure(null, [requiredFieldsMissing(missing)]);
    const later = this.checkReferences(table, rec, given) ?? this.checkRules(table, rec) ?? this.checkUnique(table, rec, undefined);
    if (later) return saveFailure(null, later);

    rec.Id = this.nextId(table);
    this.stampCreate(table, rec, now, actingUserId);
    const saved = this.insert(table, rec as SRecord);
    this.afterSave(table, saved, undefined, now, actingUserId);
    return { id: saved.Id, success: true, errors: [] };
  }

  update(objectName: string, id: string, fields: Record<string, unknown>, actingUserId: string): SaveResult {
    const table = this.tables.get(objectName.toLowerCase());
    if (!table) return saveFailure(null, [saveError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`)]);
    const found = this.resolveTarget(table, id);
    if ('error' in found) return saveFailure(null, [found.error]);
    const current = found.rec;
    if (!table.def.updateable) {
      return saveFailure(current.Id, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be updated: ${table.def.label}`)]);
    }
    const input = this.readInput(table, fields, 'update', current.Id);
    if (input.errors.length > 0) return saveFailure(current.Id, input.errors);

    const next: Row = { ...current };
    for (const [name, value] of input.values) next[name] = value;
    const now = toWireDateTime(this.clock.now());
    const given = new Set(input.values.keys());
    const errors = this.beforeSave(table, next, current, given, now);
    if (errors.length > 0) return saveFailure(current.Id, errors);
    const missing = [...given].filter((name) => !table.fieldByLower.get(name.toLowerCase())!.nillable && next[name] === null);
    if (missing.length > 0) return saveFailure(current.Id, [requiredFieldsMissing(missing)]);
    const later = this.checkReferences(table, next, given) ?? this.checkRules(table, next) ?? this.checkUnique(table, next, current);
    if (later) return saveFailure(current.Id, later);

    const before: Row = { ...current };
    if (table.has('LastModifiedDate')) {
      next.LastModifiedDate = now;
      next.LastModifiedById = actingUserId;
    }
    if (table.has('SystemModstamp')) next.SystemModstamp = now;
    for (const f of table.fields) if (next[f.name] !== current[f.name]) this.set(table, current, f.name, next[f.name]);
    this.afterSave(table, current, before, now, actingUserId);
    return { id: current.Id, success: true, errors: [] };
  }

  upsert(
    objectName: string,
    externalIdField: string,
    value: string,
    fields: Record<string, unknown>,
    actingUserId: string,
  ): SaveResult {
    const table = this.tables.get(objectName.toLowerCase());
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
    const rec = this.records.get(id18);
    // Salesforce answers ENTITY_IS_DELETED both for rows in the recycle bin and for ids it never had.
    if (!rec || rec.IsDeleted) return saveFailure(id18, [saveError('ENTITY_IS_DELETED', 'entity is deleted')]);
    const table = this.tableOf(rec);
    if (!table.def.deletable) return saveFailure(id18, [saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be deleted: ${table.def.label}`)]);
    const now = toWireDateTime(this.clock.now());
    this.moveToRecycleBin(table, rec, now, actingUserId);
    return { id: id18, success: true, errors: [] };
  }

  findByExternalId(objectName: string, fieldName: string, value: string): SRecord[] {
    const table = this.tables.get(objectName.toLowerCase());
    const f = table && fieldFor(table, fieldName);
    return table && f ? this.matchExternalId(table, f, value) : [];
  }

  transaction<T>(fn: (rollback: () => void) => T): T {
    const outer = this.undoLog;
    const log = outer ?? [];
    this.undoLog = log;
    const mark = log.length;
    let rollbackRequested = false;
    try {
      const result = fn(() => {
        rollbackRequested = true;
      });
      if (rollbackRequested) this.undoTo(log, mark);
      return result;
    } catch (err) {
      // A write interrupted by an exception must not stay half done either.
      this.undoTo(log, mark);
      throw err;
    } finally {
      if (outer === null) this.undoLog = null;
    }
  }

  // ---------------------------------------------------------------- dataset loading

  loadDataset(dataset: DatasetFile): void {
    const entries = Object.entries(dataset.records);
    const known = (name: string) => this.tables.get(name.toLowerCase());
    for (const [name] of entries) if (!known(name)) throw new DatasetLoadError(name, undefined, `unknown object ${name}`);
    const rank = (name: string) => {
      // Objects outside the known order load afterwards, in file order.
      const i = (DATASET_OBJECT_ORDER as readonly string[]).indexOf(known(name)!.name);
      return i < 0 ? DATASET_OBJECT_ORDER.length : i;
    };
    const ordered = [...entries].sort((a, b) => rank(a[0]) - rank(b[0]));

    const stageRows = ordered.find(([name]) => known(name)!.name === 'OpportunityStage')?.[1];
    if (stageRows && stageRows.length > 0 && this.builtInStages) this.removeBuiltInStages();

    const now = toWireDateTime(this.clock.now());
    const loaded: { table: Table; start: number }[] = [];
    for (const [name, rows] of ordered) {
      const table = known(name)!;
      loaded.push({ table, start: table.rows.length });
      if (table.name === 'OpportunityStage') this.stageCache = undefined;
      for (let i = 0; i < rows.length; i += 1) this.loadRecord(table, rows[i]!, i, now);
    }
    // References are checked once everything is in, so self-references (ParentId, ManagerId) may point forward.
    for (const { table, start } of loaded) this.checkLoadedReferences(table, start);
    for (const { table, start } of loaded) {
      if (table.name === 'Task' || table.name === 'Event') {
        for (let i = start; i < table.rows.length; i += 1) {
          const rec = table.rows[i]!;
          rec.AccountId ??= activityAccountId(rec, (id) => this.records.get(id));
        }
      }
    }
    if (loaded.some(({ table }) => table.name === 'Task' || table.name === 'Event')) this.refreshAllActivityRollups();
    if (stageRows && stageRows.length > 0) this.describeLoadedStages();
  }

  // ---------------------------------------------------------------- write helpers

  private readInput(
    table: Table,
    fields: Record<string, unknown>,
    mode: 'create' | 'update',
    targetId?: string,
  ): { values: Map<string, unknown>; errors: SaveError[] } {
    const values = new Map<string, unknown>();
    const errors: SaveError[] = [];
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(fields)) {
      if (key === 'attributes') continue;
      const f = fieldFor(table, key);
      if (!f) {
        errors.push(saveError('INVALID_FIELD', `No such column '${key}' on sobject of type ${table.name}`, [key]));
        continue;
      }
      if (f.type === 'id') {
        if (mode === 'create') errors.push(saveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
        else if (typeof raw !== 'string' || toId18(raw) !== targetId) errors.push(saveError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(raw)}`, ['Id']));
        continue;
      }
      if (mode === 'create' ? !f.createable : !f.updateable) {
        readOnly.push(f.name);
        continue;
      }
      const converted = convertValue(f, raw, this.picklistFor(table, f));
      if (converted.ok) values.set(f.name, converted.value);
      else errors.push(converted.error);
    }
    // An unknown field fails the whole record before any value is looked at, as Salesforce's parser does.
    const unknown = errors.filter((e) => e.statusCode === 'INVALID_FIELD');
    if (unknown.length > 0) return { values, errors: unknown };
    if (readOnly.length > 0) {
      errors.unshift(
        saveError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          readOnly,
        ),
      );
    }
    return { values, errors };
  }

  /** Opportunity stages come from the org's OpportunityStage rows (active ones for writes). */
  private picklistFor(table: Table, f: FieldDef): readonly string[] | undefined {
    if (table.name === 'Opportunity' && f.name === 'StageName') {
      return this.stageFacts().activeNames;
    }
    return f.picklistValues;
  }

  private resolveTarget(table: Table, id: string): { rec: SRecord } | { error: SaveError } {
    const id18 = toId18(id);
    if (id18 === undefined || !id18.startsWith(table.def.keyPrefix)) {
      return { error: saveError('MALFORMED_ID', `${table.def.label} ID: id value of incorrect type: ${id}`, ['Id']) };
    }
    const rec = this.records.get(id18);
    if (!rec) return { error: saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
    if (rec.IsDeleted) return { error: saveError('ENTITY_IS_DELETED', 'entity is deleted') };
    return { rec };
  }

  /** Object triggers before the save; mutates `rec` (the record as it will be saved). */
  private beforeSave(table: Table, rec: Row, old: SRecord | undefined, given: ReadonlySet<string>, now: string): SaveError[] {
    switch (table.name) {
      case 'Opportunity': {
        const stage = this.stages().get(rec.StageName as string);
        if (stage) deriveOpportunity(rec, old, given, stage, now);
        return [];
      }
      case 'Task':
        deriveTask(rec, old, now);
        rec.AccountId = activityAccountId(rec, (id) => this.records.get(id));
        return [];
      case 'Event': {
        const errors = deriveEvent(rec, given);
        rec.AccountId = activityAccountId(rec, (id) => this.records.get(id));
        return errors;
      }
      case 'Contact':
      case 'User':
        rec.Name = compoundName(rec);
        return [];
      default:
        return [];
    }
  }

  /**
   * Lookup checks as Salesforce answers them: an id of another object → FIELD_INTEGRITY_EXCEPTION
   * ("id value of incorrect type"), an id the org never had → INVALID_CROSS_REFERENCE_KEY, a record
   * in the recycle bin → ENTITY_IS_DELETED (a malformed id was already MALFORMED_ID).
   * https://www.salto.io/blog-posts/invalid-cross-reference-id
   */
  private checkReferences(table: Table, rec: Row, given: ReadonlySet<string>): SaveError[] | undefined {
    const errors: SaveError[] = [];
    for (const f of table.referenceFields) {
      const value = rec[f.name];
      if (!given.has(f.name) || typeof value !== 'string') continue;
      const targetTable = this.tablesByPrefix.get(value.slice(0, 3));
      if (targetTable && !(f.referenceTo ?? []).includes(targetTable.name)) {
        errors.push(saveError('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${value}`, [f.name]));
        continue;
      }
      const target = this.records.get(value);
      if (!target) errors.push(saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]));
      else if (target.IsDeleted) errors.push(saveError('ENTITY_IS_DELETED', 'entity is deleted', [f.name]));
      else if (f.name === 'OwnerId' && target.IsActive === false) {
        errors.push(saveError('INACTIVE_OWNER_OR_USER', `operation performed with inactive user [${value}] as owner of ${table.def.label.toLowerCase()}`, [f.name]));
      }
    }
    return errors.length > 0 ? errors : undefined;
  }

  private checkRules(table: Table, rec: Row): SaveError[] | undefined {
    const errors = (this.rules.get(table.name.toLowerCase()) ?? [])
      .filter((rule) => rule.when(rec))
      .map((rule) => saveError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []));
    return errors.length > 0 ? errors : undefined;
  }

  private checkUnique(table: Table, rec: Row, self: SRecord | undefined): SaveError[] | undefined {
    for (const f of table.uniqueFields) {
      const value = rec[f.name];
      if (value === null || value === undefined) continue;
      const holders = table.uniqueIndexes.find((i) => i.field === f.name)!.map.get(uniqueKey(value)) ?? [];
      const other = holders.find((h) => h !== self && !h.IsDeleted);
      if (other) {
        return [saveError('DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${other.Id}`, [f.name])];
      }
    }
    return undefined;
  }

  private matchExternalId(table: Table, f: FieldDef, value: string): SRecord[] {
    const key = uniqueKey(value);
    const index = table.uniqueIndexes.find((i) => i.field === f.name);
    if (index) return (index.map.get(key) ?? []).filter((r) => !r.IsDeleted);
    return table.rows.filter((r) => !r.IsDeleted && r[f.name] !== null && uniqueKey(r[f.name]) === key);
  }

  private stampCreate(table: Table, rec: Row, now: string, actingUserId: string): void {
    rec.IsDeleted = false;
    rec.CreatedDate = now;
    rec.CreatedById = actingUserId;
    if (table.has('LastModifiedDate')) {
      rec.LastModifiedDate = now;
      rec.LastModifiedById = actingUserId;
    }
    if (table.has('SystemModstamp')) rec.SystemModstamp = now;
  }

  /** After-save triggers: Opportunity history rows, activity roll-ups on the related records. */
  private afterSave(table: Table, rec: SRecord, before: Row | undefined, now: string, actingUserId: string): void {
    if (table.name === 'Opportunity') {
      const changed = before === undefined || HISTORY_TRIGGER_FIELDS.some((name) => before[name] !== rec[name]);
      if (changed) this.insertSystemRow('OpportunityHistory', opportunityHistoryFields(rec, before), now, actingUserId);
      for (const row of fieldHistoryFields(rec, before)) this.insertSystemRow('OpportunityFieldHistory', row, now, actingUserId);
    }
    if (table.name === 'Task' || table.name === 'Event') {
      this.refreshActivityRollups([rec.WhatId, rec.WhoId, before?.WhatId, before?.WhoId]);
    }
    // An opportunity has one primary contact role: marking one primary clears the others.
    if (table.name === 'OpportunityContactRole' && rec.IsPrimary === true && typeof rec.OpportunityId === 'string') {
      for (const other of this.children(table.name, 'OpportunityId', rec.OpportunityId)) {
        if (other !== rec && other.IsPrimary === true && !other.IsDeleted) this.set(table, other, 'IsPrimary', false);
      }
    }
  }

  private insertSystemRow(objectName: string, fields: Row, now: string, actingUserId: string): void {
    const table = this.tables.get(objectName.toLowerCase())!;
    const rec: Row = blankRecord(table);
    for (const [key, value] of Object.entries(fields)) rec[key] = value;
    rec.Id = this.nextId(table);
    this.stampCreate(table, rec, now, actingUserId);
    this.insert(table, rec as SRecord);
  }

  private moveToRecycleBin(table: Table, rec: SRecord, now: string, actingUserId: string): void {
    this.set(table, rec, 'IsDeleted', true);
    if (table.has('SystemModstamp')) this.set(table, rec, 'SystemModstamp', now);
    this.deletedAt.set(rec.Id, now);
    this.undoLog?.push({ kind: 'deleted', id: rec.Id });
    // Cascade: children of cascading relationships go to the recycle bin with their parent.
    for (const rel of table.def.childRelationships) {
      if (!rel.cascadeDelete) continue;
      const childTable = this.tables.get(rel.childSObject.toLowerCase())!;
      for (const child of [...this.children(rel.childSObject, rel.field, rec.Id)]) {
        if (!child.IsDeleted) this.moveToRecycleBin(childTable, child, now, actingUserId);
      }
    }
    if (table.name === 'Task' || table.name === 'Event') this.refreshActivityRollups([rec.WhatId, rec.WhoId]);
  }

  /** Recomputes LastActivityDate (and on Opportunity HasOpenActivity/HasOverdueTask) of the given records. */
  private refreshActivityRollups(ids: readonly unknown[]): void {
    const now = this.clock.now();
    for (const id of new Set(ids)) {
      if (typeof id !== 'string') continue;
      const parent = this.records.get(id);
      if (!parent) continue;
      const parentTable = this.tableOf(parent);
      const field = parentTable.name === 'Contact' ? 'WhoId' : 'WhatId';
      const rollup = activityRollup(this.children('Task', field, id), this.children('Event', field, id), now);
      for (const [name, value] of Object.entries(rollup)) {
        if (parentTable.has(name) && parent[name] !== value) this.set(parentTable, parent, name, value);
      }
    }
  }

  private refreshAllActivityRollups(): void {
    const parents = new Set<string>();
    for (const name of ['task', 'event']) {
      for (const rec of this.tables.get(name)!.rows) {
        if (typeof rec.WhatId === 'string') parents.add(rec.WhatId);
        if (typeof rec.WhoId === 'string') parents.add(rec.WhoId);
      }
    }
    this.refreshActivityRollups([...parents]);
  }

  // ---------------------------------------------------------------- primitives (indexes + undo)

  private tableOf(rec: SRecord): Table {
    return this.tablesByPrefix.get(rec.Id.slice(0, 3))!;
  }

  private nextId(table: Table): string {
    const prefix = table.def.keyPrefix;
    let seq = this.sequences.get(prefix) ?? 0;
    let id: string;
    do {
      seq += 1;
      id = makeId(prefix, seq);
    } while (this.records.has(id));
    this.sequences.set(prefix, seq);
    return id;
  }

  private noteSequence(id: string): void {
    const seq = sequenceOf(id);
    if (seq < MAX_TRACKED_SEQUENCE && seq > (this.sequences.get(id.slice(0, 3)) ?? 0)) this.sequences.set(id.slice(0, 3), seq);
  }

  private insert(table: Table, rec: SRecord): SRecord {
    table.rows.push(rec);
    this.records.set(rec.Id, rec);
    for (const index of table.childIndexes) indexAdd(index, rec[index.field], rec);
    for (const index of table.uniqueIndexes) indexAdd(index, rec[index.field], rec);
    this.undoLog?.push({ kind: 'insert', table, rec });
    if (table.name === 'OpportunityStage') this.stageCache = undefined;
    return rec;
  }

  private set(table: Table, rec: SRecord, field: string, value: unknown): void {
    const old = rec[field];
    if (old === value) return;
    for (const index of table.childIndexes) {
      if (index.field !== field) continue;
      indexRemove(index, old, rec);
      indexAdd(index, value, rec);
    }
    for (const index of table.uniqueIndexes) {
      if (index.field !== field) continue;
      indexRemove(index, old, rec);
      indexAdd(index, value, rec);
    }
    (rec as Row)[field] = value;
    this.undoLog?.push({ kind: 'set', table, rec, field, old });
  }

  private undoTo(log: UndoEntry[], mark: number): void {
    const saved = this.undoLog;
    this.undoLog = null;
    try {
      while (log.length > mark) {
        const entry = log.pop()!;
        if (entry.kind === 'set') this.set(entry.table, entry.rec, entry.field, entry.old);
        else if (entry.kind === 'deleted') this.deletedAt.delete(entry.id);
        else this.remove(entry.table, entry.rec);
      }
    } finally {
      this.undoLog = saved;
    }
    this.stageCache = undefined;
  }

  private remove(table: Table, rec: SRecord): void {
    const at = table.rows.lastIndexOf(rec);
    if (at >= 0) table.rows.splice(at, 1);
    this.records.delete(rec.Id);
    for (const index of table.childIndexes) indexRemove(index, rec[index.field], rec);
    for (const index of table.uniqueIndexes) indexRemove(index, rec[index.field], rec);
  }

  /** Builds (once) a children index SOQL asks for on a reference field that had none. */
  private buildChildIndex(table: Table, field: string): FieldIndex {
    const index: FieldIndex = { field, unique: false, map: new Map() };
    for (const rec of table.rows) indexAdd(index, rec[field], rec);
    table.childIndexes.push(index);
    return index;
  }

  // ---------------------------------------------------------------- stages

  private stageFacts(): NonNullable<LocalRecordStore['stageCache']> {
    if (!this.stageCache) {
      const fromRows = stageInfosFromRows(this.tables.get('opportunitystage')!.rows);
      const infos = fromRows.length > 0 ? fromRows : standardStageInfos();
      this.stageCache = {
        byName: new Map(infos.map((s) => [s.name, s])),
        allNames: infos.map((s) => s.name),
        activeNames: infos.filter((s) => s.active).map((s) => s.name),
      };
    }
    return this.stageCache;
  }

  private stages(): Map<string, StageInfo> {
    return this.stageFacts().byName;
  }

  /** Describe shows the org's own stage picklist once a dataset defines it. */
  private describeLoadedStages(): void {
    const rows = [...this.tables.get('opportunitystage')!.rows].filter((r) => !r.IsDeleted && r.IsActive !== false);
    rows.sort((a, b) => ((a.SortOrder as number | null) ?? 0) - ((b.SortOrder as number | null) ?? 0));
    const names = rows.map((r) => (r.ApiName ?? r.MasterLabel) as string);
    for (const objectName of ['Opportunity', 'OpportunityHistory']) {
      const f = this.schema.field(objectName, 'StageName');
      if (f) f.picklistValues = names;
    }
  }

  private insertBuiltInStages(): void {
    const table = this.tables.get('opportunitystage')!;
    const now = toWireDateTime(this.clock.now());
    for (const row of standardStageRows()) {
      const rec: Row = blankRecord(table);
      rec.Id = this.nextId(table);
      Object.assign(rec, row, { CreatedDate: now, LastModifiedDate: now, SystemModstamp: now });
      this.insert(table, rec as SRecord);
    }
    this.builtInStages = true;
  }

  private removeBuiltInStages(): void {
    if (this.tables.get('opportunity')!.rows.length > 0) {
      throw new DatasetLoadError('OpportunityStage', undefined, 'OpportunityStage rows must be loaded before any Opportunity');
    }
    const table = this.tables.get('opportunitystage')!;
    for (const rec of [...table.rows]) this.remove(table, rec);
    this.sequences.delete(table.def.keyPrefix);
    this.builtInStages = false;
    this.stageCache = undefined;
  }

  // ---------------------------------------------------------------- trusted loading

  private loadRecord(table: Table, raw: Row, index: number, now: string): void {
    const rec: Row = blankRecord(table);
    for (const key in raw) {
      if (key === 'attributes') continue;
      const f = fieldFor(table, key);
      if (!f) throw new DatasetLoadError(table.name, index, `no such field '${key}'`);
      const value = raw[key];
      // Fast path: an 18-character reference is checked (once) by checkLoadedReferences.
      if (f.type === 'reference' && typeof value === 'string' && value.length === 18) {
        rec[f.name] = value;
        continue;
      }
      if (f.type === 'id') {
        const id = typeof value === 'string' ? toId18(value) : undefined;
        if (id === undefined || !id.startsWith(table.def.keyPrefix)) {
          throw new DatasetLoadError(table.name, index, `Id ${String(value)} is not a ${table.name} id (prefix ${table.def.keyPrefix})`);
        }
        if (this.records.has(id)) throw new DatasetLoadError(table.name, index, `duplicate Id ${id}`);
        rec.Id = id;
        continue;
      }
      const fast = value === null ? NEEDS_CONVERSION : fastValue(f, value);
      if (fast !== NEEDS_CONVERSION) {
        rec[f.name] = fast;
        continue;
      }
      // Stored history may hold stages no longer active: accept every known stage when loading.
      const picklist = table.name === 'Opportunity' && f.name === 'StageName' ? this.stageFacts().allNames : f.picklistValues;
      const converted = convertValue(f, value, picklist);
      if (!converted.ok) throw new DatasetLoadError(table.name, index, `${f.name}: ${converted.error.statusCode}: ${converted.error.message}`);
      rec[f.name] = converted.value;
    }
    if (rec.Id === '') rec.Id = this.nextId(table);
    else this.noteSequence(rec.Id as string);

    // System fields a client could not set: fill what the dataset left out (the first user created the
    // first user, as the org's installer did).
    const defaultUser = this.tables.get('user')!.rows[0]?.Id ?? (table.name === 'User' ? (rec.Id as string) : null);
    rec.CreatedDate ??= now;
    if (table.has('CreatedById')) rec.CreatedById ??= defaultUser;
    if (table.has('LastModifiedDate')) {
      rec.LastModifiedDate ??= rec.CreatedDate;
      rec.LastModifiedById ??= rec.CreatedById;
    }
    if (table.has('SystemModstamp')) rec.SystemModstamp ??= rec.LastModifiedDate ?? rec.CreatedDate;
    if (table.has('OwnerId')) rec.OwnerId ??= rec.CreatedById ?? defaultUser;

    switch (table.name) {
      case 'Opportunity': {
        const stage = this.stages().get(rec.StageName as string);
        if (!stage) throw new DatasetLoadError(table.name, index, `StageName ${String(rec.StageName)} is not an OpportunityStage`);
        deriveOpportunity(rec, undefined, NOTHING_GIVEN, stage, now, true);
        break;
      }
      case 'Task':
        deriveTask(rec, undefined, now, true);
        break;
      case 'Event': {
        const given = new Set(Object.keys(raw).map((key) => fieldFor(table, key)?.name ?? key));
        const errors = deriveEvent(rec, given);
        if (errors.length > 0) throw new DatasetLoadError(table.name, index, errors[0]!.message);
        break;
      }
      case 'Contact':
      case 'User':
        rec.Name ??= compoundName(rec);
        break;
      default:
        break;
    }
    if (rec.IsDeleted === true) this.deletedAt.set(rec.Id as string, (rec.SystemModstamp ?? rec.CreatedDate) as string);

    for (const f of table.uniqueFields) {
      const value = rec[f.name];
      if (value === null) continue;
      const holder = table.uniqueIndexes.find((i) => i.field === f.name)!.map.get(uniqueKey(value))?.find((h) => !h.IsDeleted);
      if (holder && rec.IsDeleted !== true) {
        throw new DatasetLoadError(table.name, index, `duplicate ${f.name} ${uniqueKey(value)} (also on ${holder.Id})`);
      }
    }
    this.insert(table, rec as SRecord);
  }

  private checkLoadedReferences(table: Table, start: number): void {
    // Targets the org does not model (Profile, UserRole) cannot be checked.
    const checks = table.referenceFields
      .map((f) => ({ f, prefixes: (f.referenceTo ?? []).flatMap((name) => this.tables.get(name.toLowerCase())?.def.keyPrefix ?? []) }))
      .filter((c) => c.prefixes.length > 0);
    for (let i = start; i < table.rows.length; i += 1) {
      const rec = table.rows[i]!;
      for (const { f, prefixes } of checks) {
        const value = rec[f.name];
        if (typeof value !== 'string') continue;
        const target = this.records.get(value);
        if (!target || target.Id !== value) throw new DatasetLoadError(table.name, i - start, `${f.name} ${value} does not exist`);
        if (!prefixes.some((prefix) => value.startsWith(prefix))) {
          throw new DatasetLoadError(table.name, i - start, `${f.name} ${value} is a ${this.tableOf(target).name}, not a ${(f.referenceTo ?? []).join('/')}`);
        }
        // Share the parent's id string: millions of references then cost one pointer each.
        (rec as Row)[f.name] = target.Id;
      }
    }
  }
}

const NOTHING_GIVEN: ReadonlySet<string> = new Set();

/**
 * Adds `rec` to the index. Children lists stay ordered by Id (ids grow with creation, and base-62
 * ids compare as strings), so a rollback that re-parents a row puts it back where it was.
 */
function indexAdd(index: FieldIndex, value: unknown, rec: SRecord): void {
  if (value === null || value === undefined) return;
  const key = index.unique ? uniqueKey(value) : (value as string);
  const list = index.map.get(key);
  if (!list) {
    index.map.set(key, [rec]);
    return;
  }
  if (index.unique || list[list.length - 1]!.Id < rec.Id) {
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
  const key = index.unique ? uniqueKey(value) : (value as string);
  const list = index.map.get(key);
  if (!list) return;
  const at = list.lastIndexOf(rec);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) index.map.delete(key);
}

