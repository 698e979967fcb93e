/**
 * Trusted loading of a dataset: rows keep their system fields and ids, read-only fields may be
 * set, and every reference must point at a row of the org. Rows load in DATASET_OBJECT_ORDER,
 * each object's load hooks (triggers.ts) derive what a dataset may leave out, and a bad row fails
 * the load with a {@link DatasetLoadError} naming the object, its index and the field.
 */
import { DatasetLoadError } from '../errors/dataset-load-error.js';
import { DATASET_OBJECT_ORDER, type DatasetFile, type SRecord } from '../model.js';
import { compactIndexes, valueIndex } from './indexes.js';
import type { RecordTables } from './record-tables.js';
import { fillLoadedStamps, stampTime } from './stamps.js';
import { type Table, blankRecord, fieldFor, uniqueKey } from './table.js';
import { type ObjectTriggers, type TriggerContext, triggersOf } from './triggers.js';
import { NEEDS_CONVERSION, convertValue, fastValue } from './values.js';
import { toId18 } from '@dealrisk/salesforce-wire';

type Row = Record<string, unknown>;

/** Loads `dataset` into the org: see the module comment. `handOver`: empty each object's row list once it is loaded. */
export function loadDataset(ctx: TriggerContext, dataset: DatasetFile, handOver: boolean): void {
  const { tables } = ctx;
  const entries = Object.entries(dataset.records);
  for (const [name] of entries) if (!tables.table(name)) throw new DatasetLoadError(name, undefined, `unknown object ${name}`);
  const rank = (table: Table) => {
    // Objects outside the known order load afterwards, in file order.
    const i = (DATASET_OBJECT_ORDER as readonly string[]).indexOf(table.name);
    return i < 0 ? DATASET_OBJECT_ORDER.length : i;
  };
  const ordered = entries
    .map(([name, rows]) => ({ table: tables.table(name)!, rows }))
    .sort((a, b) => rank(a.table) - rank(b.table));

  for (const { table, rows } of ordered) triggersOf(table.name).beforeLoad?.(ctx, rows);

  const now = stampTime(ctx.clock);
  const loaded: { table: Table; start: number }[] = [];
  for (const { table, rows } of ordered) {
    loaded.push({ table, start: table.rows.length });
    const triggers = triggersOf(table.name);
    for (let i = 0; i < rows.length; i += 1) loadRecord(ctx, table, triggers, rows[i]!, i, now);
    if (handOver) rows.length = 0;
  }
  // References are checked once everything is in, so self-references (ParentId, ManagerId) may point forward.
  for (const { table, start } of loaded) checkLoadedReferences(tables, table, start);
  const settle = new Set<NonNullable<ObjectTriggers['afterDatasetLoad']>>();
  for (const { table, start } of loaded) {
    const triggers = triggersOf(table.name);
    if (triggers.afterLoad) triggers.afterLoad(ctx, table.rows.slice(start));
    if (triggers.afterDatasetLoad) settle.add(triggers.afterDatasetLoad);
  }
  for (const hook of settle) hook(ctx);
  for (const { table } of loaded) compactIndexes(table);
}

function loadRecord(ctx: TriggerContext, table: Table, triggers: ObjectTriggers, raw: Row, index: number, now: string): void {
  const { tables } = ctx;
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
      rec.Id = id;
      continue;
    }
    const fast = value === null ? NEEDS_CONVERSION : fastValue(f, value);
    if (fast !== NEEDS_CONVERSION) {
      rec[f.name] = fast;
      continue;
    }
    const picklist = triggers.picklist?.(ctx, f.name, 'load') ?? f.picklistValues;
    const converted = convertValue(f, value, picklist);
    if (!converted.ok) throw new DatasetLoadError(table.name, index, `${f.name}: ${converted.error.statusCode}: ${converted.error.message}`);
    rec[f.name] = converted.value;
  }
  if (rec.Id === '') rec.Id = tables.nextId(table);
  else tables.noteSequence(rec.Id as string);

  // System fields a client could not set: fill what the dataset left out.
  const defaultUser = tables.table('User')!.rows[0]?.Id ?? (table.name === 'User' ? (rec.Id as string) : null);
  fillLoadedStamps(table, rec, now, defaultUser);
  const problem = triggers.onLoad?.(ctx, rec, raw, table, now);
  if (problem !== undefined) throw new DatasetLoadError(table.name, index, problem);
  for (const f of table.uniqueFields) {
    const value = rec[f.name];
    if (value === null) continue;
    const holder = valueIndex(table, f.name)!.map.get(uniqueKey(value))?.find((h) => !h.IsDeleted);
    if (holder && rec.IsDeleted !== true) {
      throw new DatasetLoadError(table.name, index, `duplicate ${f.name} ${uniqueKey(value)} (also on ${holder.Id})`);
    }
  }
  if (!tables.insertIfNew(table, rec as SRecord)) throw new DatasetLoadError(table.name, index, `duplicate Id ${rec.Id as string}`);
  if (rec.IsDeleted === true) tables.markDeleted(rec.Id as string, (rec.SystemModstamp ?? rec.CreatedDate) as string);
}

function checkLoadedReferences(tables: RecordTables, table: Table, start: number): void {
  // Targets the org does not model (Profile, UserRole) cannot be checked.
  const checks = table.referenceFields
    .map((f) => ({ f, prefixes: (f.referenceTo ?? []).flatMap((name) => tables.table(name)?.def.keyPrefix ?? []) }))
    .filter((c) => c.prefixes.length > 0);
  // Neighbouring rows mostly point at the same parents (a deal's Tasks, their owner): the last id
  // checked per field is not looked up again.
  const lastChecked = checks.map(() => ({ value: '', id: '' }));
  for (let i = start; i < table.rows.length; i += 1) {
    const rec = table.rows[i]!;
    for (let c = 0; c < checks.length; c += 1) {
      const { f, prefixes } = checks[c]!;
      const value = rec[f.name];
      if (typeof value !== 'string') continue;
      const last = lastChecked[c]!;
      if (value === last.value) {
        (rec as Row)[f.name] = last.id;
        continue;
      }
      const target = tables.record(value);
      if (!target || target.Id !== value) throw new DatasetLoadError(table.name, i - start, `${f.name} ${value} does not exist`);
      if (!prefixes.some((prefix) => value.startsWith(prefix))) {
        throw new DatasetLoadError(table.name, i - start, `${f.name} ${value} is a ${tables.tableOf(target).name}, not a ${(f.referenceTo ?? []).join('/')}`);
      }
      // Share the parent's id string: millions of references then cost one pointer each.
      (rec as Row)[f.name] = target.Id;
      last.value = value;
      last.id = target.Id;
    }
  }
}
